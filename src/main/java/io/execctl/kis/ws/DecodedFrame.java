package io.execctl.kis.ws;

import java.util.List;
import java.util.Objects;

/** What a text frame turned out to be. */
public sealed interface DecodedFrame {

    /** A JSON control frame. */
    record Control(ControlMessage message) implements DecodedFrame {
        public Control {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A data frame of notice records. Records that could not be read are listed in
     * {@code badRecords}; the others are delivered.
     *
     * @param encrypted false for a plain {@code 0|…} frame (a contract anomaly for notices)
     */
    record Notices(String trId, boolean encrypted, List<ExecutionNoticeEvent> events, List<BadRecord> badRecords)
            implements DecodedFrame {
        public Notices {
            Objects.requireNonNull(trId, "trId");
            events = List.copyOf(events);
            badRecords = List.copyOf(badRecords);
        }
    }

    /** A frame that yields nothing: why, and how it is counted. */
    record Unusable(FrameOutcome outcome, String reason) implements DecodedFrame {
        public Unusable {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** One unreadable record of a multi-record frame (0-based index). */
    record BadRecord(int index, String reason) {
        public BadRecord {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
