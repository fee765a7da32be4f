package io.gridloop.intake;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseQuery;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.grid.Category;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScope;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The report page: a click on the map of grids fills the point and picks its grid; the case lands there. */
@GridLoopTest
class ReportViewTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    ReferenceData reference;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseSearch search;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    @Test
    void aClickOnTheMapPicksThePointAndItsGrid() throws Exception {
        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate(ReportView.class);
        ReportView view = _get(ReportView.class);
        Coordinate inside = centre("S01C02G03");

        view.map.pick(inside.x, inside.y);
        assertThat(view.grid.getValue().code()).isEqualTo("S01C02G03");
        assertThat(view.longitude.getValue()).isCloseTo(inside.x, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(view.longitude.isInvalid()).isFalse();

        view.map.pick(100.0, 20.0);
        assertThat(view.grid.getValue()).as("no grid there").isNull();
        assertThat(view.longitude.isInvalid()).isTrue();
        assertThat(view.longitude.getErrorMessage()).contains("不在任何网格内");

        view.map.pick(inside.x, inside.y);
        Category manhole = reference.subcategory("MANHOLE").orElseThrow();
        view.subcategory.setValue(manhole);
        view.description.setValue("井盖松动");
        view.submit.click();
        List<CaseRecord> mine = search.search(new CaseQuery(null, null, "S01C02G03", null, null, null, null, null, null, 50),
                AccessScope.of("wangwei", List.of("grid-worker"), Set.of("S01C02G03")));
        assertThat(mine).anySatisfy(c -> {
            assertThat(c.description()).isEqualTo("井盖松动");
            assertThat(c.longitude()).isCloseTo(inside.x, org.assertj.core.data.Offset.offset(1e-6));
        });
    }

    @Test
    void theLimitsAreShownAndAValueOverThemIsMarkedOnItsField() {
        KaribuUi.signIn(ctx, "lina");
        UI.getCurrent().navigate(ReportView.class);
        ReportView view = _get(ReportView.class);
        assertThat(view.address.getMaxLength()).isEqualTo(ReportService.MAX_ADDRESS);
        assertThat(view.reporterName.getMaxLength()).isEqualTo(ReportService.MAX_REPORTER_NAME);
        assertThat(view.reporterPhone.getMaxLength()).isEqualTo(ReportService.MAX_REPORTER_PHONE);
        assertThat(view.reporterEmail.getMaxLength()).isEqualTo(ReportService.MAX_REPORTER_EMAIL);
        assertThat(view.channel.getListDataView().getItems()).as("an intake operator's channels")
                .containsExactly(io.gridloop.casefile.Channel.HOTLINE, io.gridloop.casefile.Channel.CITIZEN);
        int before = search.search(new CaseQuery(null, null, null, null, null, null, null, null, null, 500),
                AccessScope.of("admin", List.of("camunda-admin"), Set.of())).size();

        // the browser stops typing at maxLength; a pasted or scripted value still reaches the server, which refuses it
        view.subcategory.setValue(reference.subcategory("MANHOLE").orElseThrow());
        view.grid.setValue(reference.grid("S01C02G03").orElseThrow());
        view.description.setValue("井盖松动");
        view.address.setValue("路".repeat(ReportService.MAX_ADDRESS + 1));
        view.reporterPhone.setValue("1".repeat(ReportService.MAX_REPORTER_PHONE + 1));
        view.submit.click();

        assertThat(view.address.isInvalid()).isTrue();
        assertThat(view.address.getErrorMessage()).isEqualTo("地址最多 400 个字");
        assertThat(view.reporterPhone.isInvalid()).isTrue();
        assertThat(view.reporterPhone.getErrorMessage()).isEqualTo("联系电话最多 40 个字");
        assertThat(search.search(new CaseQuery(null, null, null, null, null, null, null, null, null, 500),
                AccessScope.of("admin", List.of("camunda-admin"), Set.of()))).hasSize(before);
    }

    private Coordinate centre(String gridCode) throws Exception {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reference.gridsGeoJson());
        for (var f : root.path("features")) {
            if (f.path("properties").path("code").asText().equals(gridCode)) {
                double x = 0, y = 0;
                var ring = f.path("geometry").path("coordinates").get(0);
                int n = ring.size() - 1;
                for (int i = 0; i < n; i++) {
                    x += ring.get(i).get(0).asDouble();
                    y += ring.get(i).get(1).asDouble();
                }
                return new Coordinate(x / n, y / n);
            }
        }
        throw new IllegalArgumentException(gridCode);
    }
}
