package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A demo staff member logged in on the staff login page of a test server, through a real HTTP client. */
public final class StaffLogin {

    public static final String PASSWORD = "it-Secret-42";

    private StaffLogin() {
    }

    /** A client holding the session cookie of {@code userId}. */
    public static HttpClient as(String userId, int port, String next) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String form = "username=" + userId + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("login of %s", userId).isEqualTo(302);
        return client;
    }
}
