package dev.text2pose.serving.cli;

import dev.text2pose.serving.kafka.KafkaClientProperties;
import dev.text2pose.serving.kafka.ServiceAcls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Prints, or applies, the least ACLs each text2pose principal needs on a cluster with an authorizer. */
@Command(name = "acls", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Print the Kafka ACLs text2pose's principals need, as kafka-acls.sh arguments; with --apply, "
                + "create them (the --kafka-config credentials must be allowed to alter ACLs).")
final class AclsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    TopicOptions topics = new TopicOptions();

    @Option(names = "--service-principal", paramLabel = "PRINCIPAL", defaultValue = "User:text2pose",
            description = "The service's principal.")
    String servicePrincipal;

    @Option(names = "--with-viewer", description = "Also let the service principal run the web viewer.")
    boolean withViewer;

    @Option(names = "--producer-principal", paramLabel = "PRINCIPAL",
            description = "A principal that sends captions (text2pose produce).")
    String producerPrincipal;

    @Option(names = "--reader-principal", paramLabel = "PRINCIPAL",
            description = "A principal that reads poses (text2pose subscribe).")
    String readerPrincipal;

    @Option(names = "--apply", description = "Create the ACLs instead of printing them.")
    boolean apply;

    @Override
    public Integer call() throws InterruptedException, ExecutionException, TimeoutException {
        List<AclBinding> acls = bindings();
        if (!apply) {
            acls.forEach(acl -> spec.commandLine().getOut().println(ServiceAcls.asKafkaAclsArguments(acl)));
            return 0;
        }
        try (Admin admin = Admin.create(KafkaClientProperties.common(kafka.clientBootstrapServers(),
                kafka.clientProperties()))) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
        spec.commandLine().getErr().println("Created " + acls.size() + " ACLs");
        return 0;
    }

    private List<AclBinding> bindings() {
        ServiceAcls.Resources resources = new ServiceAcls.Resources(topics.captionTopic, topics.poseTopic,
                topics.deadLetterTopic, topics.groupId);
        List<AclBinding> acls = new ArrayList<>(ServiceAcls.service(servicePrincipal, resources));
        if (withViewer) {
            acls.addAll(ServiceAcls.viewer(servicePrincipal, resources));
        }
        if (producerPrincipal != null) {
            acls.addAll(ServiceAcls.captionProducer(producerPrincipal, resources));
        }
        if (readerPrincipal != null) {
            acls.addAll(ServiceAcls.poseReader(readerPrincipal, resources));
        }
        return acls;
    }
}
