package fr.bacasable.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reviewers' text shown in a Camunda form comes out literally, never as a link, image or HTML. */
class TextsTest {

    @Test
    void markdownLinksImagesAndHtmlAreEscaped() {
        assertThat(Texts.markdownLiteral("[Ouvrir](https://evil.example) ![x](http://evil.example/p.png) <b>gras</b>"))
                .isEqualTo("\\[Ouvrir\\]\\(https\\://evil\\.example\\) \\!\\[x\\]\\(http\\://evil\\.example/p\\.png\\) "
                        + "\\<b\\>gras\\</b\\>");
    }

    @Test
    void emphasisHeadingsEntitiesAndBareAddressesAreEscaped() {
        assertThat(Texts.markdownLiteral("# *très* _bien_ &amp; www.evil.example `code` ~~barré~~"))
                .isEqualTo("\\# \\*très\\* \\_bien\\_ \\&amp; www\\.evil\\.example \\`code\\` \\~\\~barré\\~\\~");
    }

    @Test
    void plainTextIsUnchanged() {
        assertThat(Texts.markdownLiteral("Pertinence forte, données publiques")).isEqualTo(
                "Pertinence forte, données publiques");
    }
}
