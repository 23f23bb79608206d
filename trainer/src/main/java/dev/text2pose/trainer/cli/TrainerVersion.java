package dev.text2pose.trainer.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What {@code text2pose-trainer --version} prints: the project's version, which Maven writes into a resource, and the
 * commit of the code, as the bundles it exports record it in their provenance.
 */
final class TrainerVersion implements IVersionProvider {

    private static final String RESOURCE = "trainer-version.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TrainerVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"text2pose-trainer " + properties.getProperty("version", CodeVersion.UNKNOWN)
                + " (code " + CodeVersion.current() + ")"};
    }
}
