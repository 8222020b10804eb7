package io.execctl.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AccountNo}: accepted spellings, the masked and revealed forms, refusals that never echo. */
class AccountNoTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // input,         cano,     product, revealed,     masked
        "12345678-01,     12345678, 01,      12345678-01,  12****78-01",
        "1234567801,      12345678, 01,      12345678-01,  12****78-01",
        "' 87654321-22 ', 87654321, 22,      87654321-22,  87****21-22",
        "00000000-00,     00000000, 00,      00000000-00,  00****00-00"
    })
    void parsesRevealsAndMasks(String input, String cano, String product, String revealed, String masked) {
        AccountNo a = AccountNo.parse(input);
        assertThat(a.cano()).isEqualTo(cano);
        assertThat(a.productCode()).isEqualTo(product);
        assertThat(a.reveal()).isEqualTo(revealed);
        assertThat(a.toString()).isEqualTo(masked).doesNotContain(cano);
        assertThat(AccountNo.parse(a.reveal())).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(AccountNo.of(input)).isEqualTo(a);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "",
                "9999",
                "98765432-1",
                "98765432-123",
                "987654321-01",
                "9876543a-01",
                "98765432_01",
                "98765432 01",
                "９８７６５４３２-01"
            })
    @NullSource
    void refusesWithoutRepeatingTheInput(String input) {
        assertThatThrownBy(() -> AccountNo.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    if (input != null && input.length() >= 4) {
                        assertThat(e.getMessage()).doesNotContain(input.substring(0, 4));
                    }
                });
    }

    @ParameterizedTest(name = "cano={0} product={1}")
    @CsvSource({"1234567, 01", "123456789, 01", "12345678, 1", "12345678, 001", "1234567x, 01"})
    void theComponentsAreCheckedToo(String cano, String product) {
        assertThatThrownBy(() -> new AccountNo(cano, product)).isInstanceOf(IllegalArgumentException.class);
    }
}
