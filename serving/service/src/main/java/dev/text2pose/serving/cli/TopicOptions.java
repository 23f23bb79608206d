package dev.text2pose.serving.cli;

import dev.text2pose.serving.ServiceConfig;
import picocli.CommandLine.Option;

/** The service's topics and consumer group: what the service, the demo and the ACLs must agree on. */
final class TopicOptions {

    private static final ServiceConfig DEFAULTS = ServiceConfig.defaults();

    @Option(names = "--caption-topic", paramLabel = "TOPIC", defaultValue = "${env:TEXT2POSE_CAPTION_TOPIC}",
            description = "Topic to read captions from.")
    String captionTopic = DEFAULTS.captionTopic();

    @Option(names = "--pose-topic", paramLabel = "TOPIC", defaultValue = "${env:TEXT2POSE_POSE_TOPIC}",
            description = "Topic to write poses to.")
    String poseTopic = DEFAULTS.poseTopic();

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC", defaultValue = "${env:TEXT2POSE_DEAD_LETTER_TOPIC}",
            description = "Topic for records that cannot be served.")
    String deadLetterTopic = DEFAULTS.deadLetterTopic();

    @Option(names = "--group-id", paramLabel = "GROUP", defaultValue = "${env:TEXT2POSE_GROUP_ID}",
            description = "Consumer group; instances in one group share the caption partitions.")
    String groupId = DEFAULTS.groupId();

    void applyTo(ServiceConfig.Builder config) {
        config.captionTopic(captionTopic).poseTopic(poseTopic).deadLetterTopic(deadLetterTopic).groupId(groupId);
    }
}
