package io.execctl.engine.daemon;

import io.execctl.engine.PassReport;
import java.time.Duration;

/**
 * Told what the bootstrap is doing: the command shows a progress bar on a terminal or log lines
 * otherwise (the engine prints nothing itself). Calls come from the bootstrapping thread.
 */
public interface BootstrapProgress {
    void started(int index, int total, BootstrapStep step);

    void finished(int index, int total, BootstrapStep step, PassReport report, Duration took);

    void notBuilt(int index, int total, BootstrapStep step);

    void failed(int index, int total, BootstrapStep step, Exception error, Duration took);

    /** Does nothing. */
    BootstrapProgress NONE = new BootstrapProgress() {
        @Override
        public void started(int index, int total, BootstrapStep step) {}

        @Override
        public void finished(int index, int total, BootstrapStep step, PassReport report, Duration took) {}

        @Override
        public void notBuilt(int index, int total, BootstrapStep step) {}

        @Override
        public void failed(int index, int total, BootstrapStep step, Exception error, Duration took) {}
    };
}
