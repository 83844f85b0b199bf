package fr.bacasable.badinput;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Odd headers added to requests that are already bad: none of them may turn a refusal into a 5xx. */
final class Decorations {

    private static final List<String> ODD_HEADERS = List.of("Accept: text/html", "Accept: application/xml",
            "Accept: */*", "Accept: ", "Accept: application/json;q=0", "Accept: garbage/", "Accept: ;;;",
            "Accept: image/png", "Accept-Language: en", "Accept-Language: *;q=abc", "Accept-Charset: ebcdic",
            "Accept-Encoding: gzip;q=2, br", "X-Forwarded-For: ::::", "X-Forwarded-Proto: gopher",
            "X-Forwarded-Host: evil.example", "X-Forwarded-Port: 99999", "Forwarded: for=\"[::1\"",
            "Cookie: JSESSIONID=garbage; a", "Cookie: =;;=", "Origin: null", "Referer: javascript:alert(1)",
            "Range: bytes=0-1", "If-None-Match: *", "If-Modified-Since: hier", "X-HTTP-Method-Override: DELETE",
            "Authorization: Basic Og==", "Expect: 100-continue",
            "Upgrade: h2c", "Max-Forwards: -1", "Content-Encoding: gzip", "Content-Language: xx",
            "User-Agent: " + Encodings.latin1(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}),
            "X-Padding: " + "a".repeat(6000));

    /** Header lines the web server itself refuses (syntax, size, framing). */
    private static final List<String> REFUSED_HEADERS = List.of("Bad Header: x", "NoColon", "X-Ctl: a\u0001b",
            "X-Name\u00e9: x", "(): x", ": empty-name", "X-Big: " + "b".repeat(9000), "Content-Length: abc",
            "Content-Length: -1", "Content-Length: 1, 2", "Host: a, b");

    private Decorations() {
    }

    /** The request as is, or with odd headers, or with headers the web server refuses. */
    static Arbitrary<BadRequest> decorate(BadRequest request) {
        Arbitrary<String> odd = Arbitraries.of(ODD_HEADERS);
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(request)),
                Tuple.of(3, odd.list().ofMinSize(1).ofMaxSize(3).map(headers -> request.withHeaders("odd headers",
                        headers))),
                Tuple.of(1, Arbitraries.of(REFUSED_HEADERS).map(header -> request.withHeaders("refused header",
                        List.of(header)))));
    }
}
