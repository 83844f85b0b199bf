package fr.bacasable;

import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A staff member logged in through the Camunda web applications' login, as a browser would: the
 * session cookie and the CSRF token that the web applications' API wants on every change.
 */
public record WebappSession(ResponseEntity<String> login, HttpHeaders headers) {

    public static WebappSession login(TestRestTemplate http, String userId, String password, String app) {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        String cookies = String.join("; ", cookiesOf(page));
        String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, cookies);
        headers.add("X-XSRF-TOKEN", csrf);
        ResponseEntity<String> login = http.exchange("/camunda/api/admin/auth/user/default/login/" + app,
                HttpMethod.POST, new HttpEntity<>("username=" + userId + "&password=" + password, headers),
                String.class);
        HttpHeaders session = new HttpHeaders();
        session.add(HttpHeaders.COOKIE, cookiesOf(login).stream().reduce(cookies, (all, cookie) -> all + "; " + cookie));
        session.add("X-XSRF-TOKEN", csrf);
        return new WebappSession(login, session);
    }

    private static List<String> cookiesOf(ResponseEntity<String> response) {
        return response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(cookie -> cookie.split(";", 2)[0]).toList();
    }
}
