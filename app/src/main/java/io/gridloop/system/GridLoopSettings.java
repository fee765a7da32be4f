package io.gridloop.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridloop.*}: the district's deployment.
 *
 * @param zone          the district's time zone: working time, due dates, the case number's year
 * @param baseUrl       GridLoop's address as officials reach it, for links in mail (application.yml: this node's port)
 * @param nodeName      this node's name, in a cookie, when several nodes share a database (empty: no cookie)
 * @param referenceData where the district's reference data is read (grids, departments, categories, holidays)
 * @param signIn        {@code local}: the engine's own users (embedded default); {@code keycloak}: officials sign in
 *                      through Keycloak
 */
@ConfigurationProperties("gridloop")
public record GridLoopSettings(@DefaultValue("Asia/Shanghai") String zone, String baseUrl, @DefaultValue("") String nodeName,
                               @DefaultValue("classpath:config/") String referenceData, @DefaultValue("local") String signIn) {

    public GridLoopSettings {
        referenceData = referenceData.endsWith("/") ? referenceData : referenceData + "/";
    }
}
