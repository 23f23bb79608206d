/**
 * The {@code text2pose} command line, the only code that reads flags and the environment. Options come in mixins per
 * concern (Kafka, topics, embedded broker, model, pipeline, HTTP), so each command shows only what it uses; their
 * defaults are the fields' initial values, read from {@link dev.text2pose.serving.ServiceConfig#defaults()}, and each
 * environment variable is named once, in the option's {@code defaultValue}, where {@link
 * dev.text2pose.serving.cli.OptionHelp} finds it for the help. Requests are checked with the service's own validator
 * before anything starts ({@code UsageErrors}: one line, exit 2), and a failed command is explained in two lines by
 * {@code FailureReport} (exit 1).
 */
package dev.text2pose.serving.cli;
