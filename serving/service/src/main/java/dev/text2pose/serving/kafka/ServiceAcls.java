package dev.text2pose.serving.kafka;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The least Kafka ACLs each text2pose principal needs, in one place for operators (the {@code acls} command) and
 * for the test that proves they are enough on a broker with an authorizer.
 *
 * <p>The service reads the caption topic in its group and writes the pose and dead-letter topics; nothing else.
 * READ and WRITE imply DESCRIBE, which lets the service find its topics at start (it then creates none). Its
 * idempotent producer needs no cluster ACL (Kafka 3.0 and later accept WRITE on a topic). For exactly-once delivery
 * the service's transactional ids must start with its group id: that prefix is granted, so both delivery modes work
 * with the same ACLs.
 */
public final class ServiceAcls {

    /** Group ids of {@code subscribe} readers start with this, so one prefixed ACL covers them all. */
    public static final String READER_GROUP_PREFIX = "text2pose-reader-";

    /** The topics and group a deployment uses. */
    public record Resources(String captionTopic, String poseTopic, String deadLetterTopic, String groupId) {
    }

    private ServiceAcls() {
    }

    /** What the serving principal may do. */
    public static List<AclBinding> service(String principal, Resources r) {
        List<AclBinding> acls = new ArrayList<>();
        acls.add(allow(principal, ResourceType.TOPIC, r.captionTopic(), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(principal, ResourceType.GROUP, r.groupId(), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(principal, ResourceType.TOPIC, r.poseTopic(), PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow(principal, ResourceType.TOPIC, r.deadLetterTopic(), PatternType.LITERAL, AclOperation.WRITE));
        acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, r.groupId(), PatternType.PREFIXED,
                AclOperation.WRITE));
        acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, r.groupId(), PatternType.PREFIXED,
                AclOperation.DESCRIBE));
        return acls;
    }

    /**
     * What the web viewer adds when it runs with the service's credentials: it produces captions and reads every
     * pose partition without a group.
     */
    public static List<AclBinding> viewer(String principal, Resources r) {
        return List.of(allow(principal, ResourceType.TOPIC, r.captionTopic(), PatternType.LITERAL, AclOperation.WRITE),
                allow(principal, ResourceType.TOPIC, r.poseTopic(), PatternType.LITERAL, AclOperation.READ));
    }

    /** A client that sends captions ({@code text2pose produce}). */
    public static List<AclBinding> captionProducer(String principal, Resources r) {
        return List.of(allow(principal, ResourceType.TOPIC, r.captionTopic(), PatternType.LITERAL, AclOperation.WRITE));
    }

    /** A client that reads poses ({@code text2pose subscribe}), each reader in a group of its own. */
    public static List<AclBinding> poseReader(String principal, Resources r) {
        return List.of(allow(principal, ResourceType.TOPIC, r.poseTopic(), PatternType.LITERAL, AclOperation.READ),
                allow(principal, ResourceType.GROUP, READER_GROUP_PREFIX, PatternType.PREFIXED, AclOperation.READ));
    }

    /** The same binding as a {@code kafka-acls.sh} argument list, for people who apply ACLs by hand. */
    public static String asKafkaAclsArguments(AclBinding acl) {
        ResourcePattern pattern = acl.pattern();
        String resource = switch (pattern.resourceType()) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            default -> throw new IllegalArgumentException("no kafka-acls.sh flag for " + pattern.resourceType());
        };
        return "--add --allow-principal " + acl.entry().principal() + " --operation " + acl.entry().operation()
                + " " + resource + " " + pattern.name()
                + (pattern.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType patternType,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, patternType),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
