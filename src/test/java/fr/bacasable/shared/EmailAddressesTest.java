package fr.bacasable.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice.martin@example.org", "a+b=c@mairie.xn--vry-bma.fr", "  x@example.org "})
    void plainAddressesAreAccepted(String address) {
        assertThat(EmailAddresses.isValid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=?utf-8?q?a?=@example.org", "x.=?utf-8?b?YQ==?=@example.org", "a@b", "a@@example.org"})
    void encodedWordsAndMalformedAddressesAreRefused(String address) {
        assertThat(EmailAddresses.isValid(address)).isFalse();
    }
}
