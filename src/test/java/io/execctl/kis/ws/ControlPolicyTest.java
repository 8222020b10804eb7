package io.execctl.kis.ws;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The control-code table, row by row: what each KIS answer makes the stream do. */
class ControlPolicyTest {

    @ParameterizedTest(name = "{0} rt_cd={1} {3} -> {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "H0STCNI0 | 0 | OPSP0000 | SUBSCRIBE SUCCESS           | SUBSCRIBED       | ACK",
                "H0STCNI0 | 1 | OPSP0000 | SUBSCRIBE FAILED            | REFUSED          | CONTROL",
                "H0STCNI0 | 0 | OPSP0001 | UNSUBSCRIBE SUCCESS         | INFORM           | CONTROL",
                "H0STCNI0 | 1 | OPSP0002 | ALREADY IN SUBSCRIBE        | REFUSED          | CONTROL",
                "H0STCNI0 | 0 | OPSP0002 | ALREADY IN SUBSCRIBE        | REFUSED          | CONTROL",
                "H0STCNI0 | 1 | OPSP0003 | NOT SUBSCRIBED              | REFUSED          | CONTROL",
                "H0STCNI0 | 1 | OPSP0007 | SUBSCRIBE ERROR             | REFUSED          | CONTROL",
                "H0STCNI0 | 1 | OPSP0008 | MAX SUBSCRIBE OVER          | REFUSED          | CONTROL",
                "(null)   | 9 | OPSP8996 | ALREADY IN USE appkey       | IN_USE           | CONTROL",
                "(null)   | 1 | OPSP0011 | invalid approval : NOT FOUND | APPROVAL_REFUSED | UNKNOWN_CONTROL",
                "H0STCNI0 | 1 | OPSP9999 | SOMETHING NEW               | REFUSED          | UNKNOWN_CONTROL",
                "H0STCNI0 | 0 | OPSP9999 | SOMETHING NEW               | INFORM           | UNKNOWN_CONTROL",
                "PINGPONG | '' | ''      | ''                          | ECHO             | PINGPONG",
            })
    void eachCodeHasItsAction(
            String trId, String rtCd, String msgCd, String msg1, ControlAction action, FrameOutcome outcome) {
        ControlMessage m = new ControlMessage(trId, "", "N", rtCd, msgCd, msg1, Optional.empty(), Optional.empty());
        assertThat(ControlPolicy.actionFor(m)).isEqualTo(action);
        assertThat(ControlPolicy.outcomeFor(m)).isEqualTo(outcome);
    }

    @ParameterizedTest
    @CsvSource({"OPSP0000", "OPSP0001", "OPSP0002", "OPSP0003", "OPSP0007", "OPSP0008", "OPSP8996"})
    void everyKnownCodeHasExactlyOneRow(String code) {
        assertThat(ControlPolicy.RULES).filteredOn(r -> r.code().equals(code)).hasSize(1);
        assertThat(ControlPolicy.isKnown(code)).isTrue();
    }
}
