package id.bontang.pantau.broker;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.eclipse.paho.client.mqttv3.logging.Logger;
import org.eclipse.paho.client.mqttv3.logging.LoggerFactory;

/**
 * Paho's log, through JBoss Logging ({@code org.eclipse.paho} category): its warnings and errors, with the text of
 * Paho's message catalogue; the rest (Paho's tracing) is dropped before anything is formatted. Paho makes a logger
 * for every token, so for every acknowledgement it sends: its default one looks up a {@code java.util.logging}
 * logger each time, which a profile of the durable path showed as a visible share of the writer's thread.
 */
public final class PahoLog implements Logger {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger("org.eclipse.paho");
    private ResourceBundle catalog;

    /**
     * Makes every Paho logger created from now on one of these, where Paho can load this class: Paho finds it with
     * its own class loader, which sees it in the packaged server but not in Quarkus' dev and test modes (there Paho
     * keeps its own logger).
     */
    public static void install() {
        try {
            Class.forName(PahoLog.class.getName(), false, LoggerFactory.class.getClassLoader());
            LoggerFactory.setLogger(PahoLog.class.getName());
        } catch (ClassNotFoundException | LinkageError e) {
            // dev or test mode: Paho's own logger
        }
    }

    public PahoLog() { // Paho instantiates it by reflection
    }

    @Override
    public void initialise(ResourceBundle messageCatalog, String loggerID, String resourceName) {
        this.catalog = messageCatalog;
    }

    @Override
    public void setResourceName(String logContext) {
    }

    @Override
    public boolean isLoggable(int level) {
        return level <= WARNING && LOG.isEnabled(org.jboss.logging.Logger.Level.WARN);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg) {
        log(SEVERE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg) {
        log(WARNING, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg) {
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg) {
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg) {
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg) {
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg) {
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
    }

    @Override
    public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        String text = sourceClass + "." + sourceMethod + ": " + formatMessage(msg, inserts);
        if (level == SEVERE) {
            LOG.error(text, thrown);
        } else {
            LOG.warn(text, thrown);
        }
    }

    @Override
    public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
    }

    /** The catalogue's text for a message number, with its inserts; the number itself when the catalogue lacks it. */
    @Override
    public String formatMessage(String msg, Object[] inserts) {
        String text = msg;
        if (catalog != null && msg != null) {
            try {
                text = catalog.getString(msg);
            } catch (MissingResourceException e) {
                text = msg;
            }
        }
        return inserts == null || inserts.length == 0 || text == null ? text : MessageFormat.format(text, inserts);
    }

    @Override
    public void dumpTrace() {
    }
}
