/**
 * The trainer's command line: {@link dev.text2pose.trainer.cli.TrainerCli} and one class per subcommand. This is
 * the only package that reads the command line or the environment (the git revision, the clock); everything below
 * it receives typed values.
 */
package dev.text2pose.trainer.cli;
