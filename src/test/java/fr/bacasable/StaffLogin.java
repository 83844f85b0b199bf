package fr.bacasable;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The staff login as a browser does it: open the login page (which starts a session and carries
 * the form's anti-forgery token), then post the form with that token and that session.
 */
public final class StaffLogin {

    public static final String TOKEN_FIELD = "_csrf";
    /** The demo accounts' password in tests (application-test.properties). */
    public static final String DEMO_PASSWORD = "it-Secret-42";
    private static final Pattern TOKEN = Pattern.compile("name=\"" + TOKEN_FIELD + "\" value=\"([^\"]+)\"");

    private StaffLogin() {
    }

    /** Posts the login form; the answer is not followed (a 302 on success). */
    public static ResponseEntity<String> post(TestRestTemplate http, String userId, String password, String next) {
        TestRestTemplate noRedirects = http.withRedirects(Redirects.DONT_FOLLOW);
        ResponseEntity<String> page = noRedirects.getForEntity("/staff/login", String.class);
        String cookie = sessionCookie(page);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, cookie);
        String form = "username=" + encode(userId) + "&password=" + encode(password) + "&next=" + encode(next) + "&"
                + TOKEN_FIELD + "=" + encode(tokenIn(page.getBody()));
        return noRedirects.exchange("/staff/login", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    /** Logs in and returns the new session's cookie ({@code JSESSIONID=…}). */
    public static String cookie(TestRestTemplate http, String userId, String password) {
        ResponseEntity<String> response = post(http, userId, password, "/");
        if (response.getStatusCode().value() != 302) {
            throw new AssertionError("login of " + userId + " refused: " + response.getStatusCode());
        }
        return sessionCookie(response);
    }

    /**
     * The anti-forgery token of a staff page opened with the session {@code cookie}; the login page
     * always carries the session's token, whoever may or may not use the other pages' forms.
     */
    public static String tokenOf(TestRestTemplate http, String cookie, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookie);
        return tokenIn(http.withRedirects(Redirects.DONT_FOLLOW)
                .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody());
    }

    /** A login to a Camunda web application's API, and the headers (cookies, XSRF token) of its session. */
    public record WebappSession(ResponseEntity<String> login, HttpHeaders headers) {
    }

    /** Logs in to the Camunda web application {@code app} as its login page does. */
    public static WebappSession webappSession(TestRestTemplate http, String userId, String password, String app) {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        String cookies = String.join("; ", page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(cookie -> cookie.split(";", 2)[0]).toList());
        String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, cookies);
        headers.add("X-XSRF-TOKEN", csrf);
        ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/" + app,
                HttpMethod.POST, new HttpEntity<>("username=" + encode(userId) + "&password=" + encode(password),
                        headers), String.class);
        HttpHeaders session = new HttpHeaders();
        session.add(HttpHeaders.COOKIE, login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(cookie -> cookie.split(";", 2)[0]).reduce(cookies, (all, cookie) -> all + "; " + cookie));
        session.add("X-XSRF-TOKEN", csrf);
        // The login starts a new session, whose anti-forgery token the next reading request hands out.
        String renewed = http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(session),
                String.class).getHeaders().getFirst("X-XSRF-TOKEN");
        if (renewed != null) {
            session.set("X-XSRF-TOKEN", renewed);
        }
        return new WebappSession(login, session);
    }

    /** A real HTTP client holding the session cookie of {@code userId}, logged in through the login form. */
    public static HttpClient as(String userId, int port, String next) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        URI login = URI.create("http://localhost:" + port + "/staff/login");
        String token = tokenIn(client.send(HttpRequest.newBuilder(login).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String form = "username=" + encode(userId) + "&password=" + encode(DEMO_PASSWORD) + "&next=" + encode(next)
                + "&" + TOKEN_FIELD + "=" + encode(token);
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302) {
            throw new AssertionError("login of " + userId + " refused: " + answer.statusCode());
        }
        return client;
    }

    public static String tokenIn(String html) {
        Matcher token = TOKEN.matcher(html == null ? "" : html);
        if (!token.find()) {
            throw new AssertionError("no anti-forgery token in the page");
        }
        return token.group(1);
    }

    public static String sessionCookie(ResponseEntity<?> response) {
        List<String> cookies = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        return cookies == null ? "" : cookies.stream().map(cookie -> cookie.split(";", 2)[0])
                .filter(cookie -> cookie.startsWith("JSESSIONID")).findFirst().orElse("");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
