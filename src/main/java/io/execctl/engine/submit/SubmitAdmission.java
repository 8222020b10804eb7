package io.execctl.engine.submit;

import io.execctl.domain.Intent;

/**
 * Whether a submit pass may claim now, and which NEW intents it may take: the daemon's gate (nothing
 * claimed once it stops or loses its lock; new entries wait while a gap-fill runs). Intents not
 * admitted stay NEW and are looked at again on the next scan.
 */
public interface SubmitAdmission {
    /** Everything, always (the one-shot command). */
    SubmitAdmission ALL = new SubmitAdmission() {
        @Override
        public boolean claiming() {
            return true;
        }

        @Override
        public boolean admits(Intent intent) {
            return true;
        }
    };

    boolean claiming();

    boolean admits(Intent intent);
}
