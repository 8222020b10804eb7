package io.execctl.kis.ws;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The control-code policy as data: one row per KIS control code (REFERENCE.md §9.4, §14.2) saying
 * what the stream does with it, how the frame is counted and what the log line says. Codes not in
 * the table follow their {@code rt_cd}: a success is only reported, any other answer is a refused
 * subscription. A refusal is never ignored: a connection whose subscription failed receives no
 * notice however healthy its PINGPONGs look.
 */
final class ControlPolicy {

    /**
     * One row of the table.
     *
     * @param code    {@code msg_cd}
     * @param action  what the stream does
     * @param outcome how the frame is counted ({@code KisMetrics.wsFrame})
     * @param meaning for the log line and the docs
     */
    record Rule(String code, ControlAction action, FrameOutcome outcome, String meaning) {
        Rule {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(meaning, "meaning");
        }
    }

    /** The table. A subscribe ack that is not {@code rt_cd = "0"} is treated as {@link ControlAction#REFUSED}. */
    static final List<Rule> RULES = List.of(
            new Rule(ControlMessage.SUBSCRIBED, ControlAction.SUBSCRIBED, FrameOutcome.ACK, "SUBSCRIBE SUCCESS"),
            new Rule(ControlMessage.UNSUBSCRIBED, ControlAction.INFORM, FrameOutcome.CONTROL, "UNSUBSCRIBE SUCCESS"),
            new Rule(
                    ControlMessage.ALREADY_SUBSCRIBED,
                    ControlAction.REFUSED,
                    FrameOutcome.CONTROL,
                    "ALREADY IN SUBSCRIBE: the session's registration is not ours to trust"),
            new Rule(
                    ControlMessage.NOT_SUBSCRIBED,
                    ControlAction.REFUSED,
                    FrameOutcome.CONTROL,
                    "NOT SUBSCRIBED: the session has no registration"),
            new Rule(
                    ControlMessage.INTERNAL_ERROR,
                    ControlAction.REFUSED,
                    FrameOutcome.CONTROL,
                    "INTERNAL ERROR: subscription refused"),
            new Rule(
                    ControlMessage.MAX_SUBSCRIBE_OVER,
                    ControlAction.REFUSED,
                    FrameOutcome.CONTROL,
                    "MAX SUBSCRIBE OVER: more than 41 registrations on the app key"),
            new Rule(
                    ControlMessage.ALREADY_IN_USE,
                    ControlAction.IN_USE,
                    FrameOutcome.CONTROL,
                    "ALREADY IN USE appkey: another session holds the app key"));

    private static final Map<String, Rule> BY_CODE =
            RULES.stream().collect(Collectors.toUnmodifiableMap(Rule::code, Function.identity()));

    private ControlPolicy() {}

    /** The rule of a known code, or null. */
    static Rule rule(String msgCd) {
        return BY_CODE.get(msgCd);
    }

    /** Whether {@code msgCd} is in the table. */
    static boolean isKnown(String msgCd) {
        return BY_CODE.containsKey(msgCd);
    }

    /** What to do with {@code m}. */
    static ControlAction actionFor(ControlMessage m) {
        if (m.isPingPong()) {
            return ControlAction.ECHO;
        }
        if (m.isInvalidApprovalKey()) {
            return ControlAction.APPROVAL_REFUSED;
        }
        Rule rule = BY_CODE.get(m.msgCd());
        if (rule == null) {
            return m.isSuccess() ? ControlAction.INFORM : ControlAction.REFUSED;
        }
        if (rule.action() == ControlAction.SUBSCRIBED && !m.isSuccess()) {
            return ControlAction.REFUSED;
        }
        return rule.action();
    }

    /** How {@code m} is counted. */
    static FrameOutcome outcomeFor(ControlMessage m) {
        if (m.isPingPong()) {
            return FrameOutcome.PINGPONG;
        }
        Rule rule = BY_CODE.get(m.msgCd());
        if (rule == null) {
            return FrameOutcome.UNKNOWN_CONTROL;
        }
        return rule.outcome() == FrameOutcome.ACK && !m.isSuccess() ? FrameOutcome.CONTROL : rule.outcome();
    }
}
