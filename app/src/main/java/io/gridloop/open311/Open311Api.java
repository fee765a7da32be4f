package io.gridloop.open311;

import io.gridloop.grid.ReferenceData;
import io.gridloop.ui.Translations;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Open311 GeoReport v2 at {@code /open311/v2/}: discovery and services for anyone, service requests with an API key
 * (sending one, and reading them: the list carries every case's description and place, so it is for the client systems
 * an administrator trusts, not for anyone counting case numbers). Every endpoint in JSON and XML by its extension;
 * refusals in Open311's error list ({@link Open311Errors}).
 */
@RestController
@RequestMapping("/open311/v2")
public class Open311Api {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** When this endpoint list last changed. */
    static final String CHANGESET = "2026-11-26T00:00:00+08:00";

    private final Open311Service open311;
    private final Open311Clients clients;
    private final ReferenceData reference;

    public Open311Api(Open311Service open311, Open311Clients clients, ReferenceData reference) {
        this.open311 = open311;
        this.clients = clients;
        this.reference = reference;
    }

    @GetMapping("/discovery.{format}")
    public ResponseEntity<String> discovery(@PathVariable String format, Locale l) {
        Open311Format f = Open311Format.of(format);
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/open311/v2").build().toUriString();
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPECIFICATION);
        endpoint.put("url", base);
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("application/json", "text/xml"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", CHANGESET);
        d.put("contact", Translations.translate("open311.contact", l, reference.districtName()));
        d.put("key_service", Translations.translate("open311.keyService", l));
        d.put("endpoints", List.of(endpoint));
        return answer(f, "discovery", d);
    }

    @GetMapping("/services.{format}")
    public ResponseEntity<String> services(@PathVariable String format, Locale l) {
        Open311Format f = Open311Format.of(format);
        return answer(f, "services", open311.services(l));
    }

    @GetMapping("/services/{code}.{format}")
    public ResponseEntity<String> service(@PathVariable String code, @PathVariable String format) {
        Open311Format f = Open311Format.of(format);
        return answer(f, "service_definition", open311.definition(code));
    }

    /** Form-encoded, as the standard says (multipart is read the same way); api_key first, then the parameters. */
    @PostMapping("/requests.{format}")
    public ResponseEntity<String> submit(@PathVariable String format, HttpServletRequest request, Locale l) {
        Open311Format f = Open311Format.of(format);
        readable(request);
        ApiKey client = clients.require(request.getParameter("api_key"));
        var s = new Open311Service.Submission(request.getParameter("service_code"), request.getParameter("lat"),
                request.getParameter("long"), request.getParameter("address_string"), request.getParameter("address_id"),
                request.getParameter("description"), request.getParameter("email"), request.getParameter("phone"),
                request.getParameter("first_name"), request.getParameter("last_name"), request.getParameter("media_url"));
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        Map<String, Object> created = open311.submit(s, client, base, l);
        return ResponseEntity.status(201).contentType(f.mediaType()).body(f.write("service_requests", List.of(created)));
    }

    @GetMapping("/requests.{format}")
    public ResponseEntity<String> requests(@PathVariable String format, HttpServletRequest request, Locale l) {
        Open311Format f = Open311Format.of(format);
        clients.require(request.getParameter("api_key"));
        var filter = new Open311Service.Filter(request.getParameter("service_request_id"), request.getParameter("service_code"),
                request.getParameter("start_date"), request.getParameter("end_date"), request.getParameter("status"));
        return answer(f, "service_requests", open311.requests(filter, l));
    }

    @GetMapping("/requests/{id}.{format}")
    public ResponseEntity<String> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request,
                                          Locale l) {
        Open311Format f = Open311Format.of(format);
        clients.require(request.getParameter("api_key"));
        return answer(f, "service_requests", List.of(open311.request(id, l)));
    }

    /**
     * A form Tomcat could not read (beyond {@code server.tomcat.max-http-form-post-size}, 2 MB, or broken) arrives with
     * no parameters at all; say so, rather than "no api_key".
     */
    private static void readable(HttpServletRequest request) {
        request.getParameterNames();
        if (request.getAttribute("org.apache.catalina.parameter_parse_failed") != null) {
            boolean tooLarge = "POST_TOO_LARGE".equals(String.valueOf(
                    request.getAttribute("org.apache.catalina.parameter_parse_failed_reason")));
            throw tooLarge ? new Open311Exception(413, "error.open311.tooLarge") : new Open311Exception(400, "error.request");
        }
    }

    private static ResponseEntity<String> answer(Open311Format f, String root, Object body) {
        return ResponseEntity.ok().contentType(f.mediaType()).body(f.write(root, body));
    }
}
