package io.gridloop.casefile;

import static io.gridloop.process.CaseLoop.TASK_DISPATCH;
import static io.gridloop.process.CaseLoop.TASK_REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.security.AccessScopes;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A joint case's co-departments (协办) are rows of gl_case_co_department, and every door reads them from there. */
@GridLoopTest
class CoDepartmentsTest {

    @Autowired
    LoopDriver loop;
    @Autowired
    CaseFileService cases;
    @Autowired
    CaseSearch search;
    @Autowired
    AccessScopes scopes;
    @Autowired
    JdbcClient jdbc;

    @Test
    void coDepartmentsAreRowsThatTheirHandlersFindTheCaseBy() {
        CaseRecord c = loop.reportByGridWorker("EXPOSED_RUBBISH");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "citymgmt", "coDepartments", List.of("police", "housing")));

        assertThat(jdbc.sql("select department_code from gl_case_co_department where case_id = :c order by department_code")
                .param("c", c.id()).query(String.class).list()).containsExactly("housing", "police");
        assertThat(cases.get(c.id()).coDepartments()).containsExactly("housing", "police");

        // a co-department's handler sees it by number and in search; a department not on the case does not
        CaseQuery byNumber = new CaseQuery(c.caseNumber(), null, null, null, null, null, null, null, null, 50);
        assertThat(cases.findByNumber(c.caseNumber(), scopes.of("police1", loop.groups("police1")))).isPresent();
        assertThat(search.search(byNumber, scopes.of("police1", loop.groups("police1")))).extracting(CaseRecord::id).containsExactly(c.id());
        assertThat(search.count(byNumber, scopes.of("police1", loop.groups("police1")))).isEqualTo(1);
        assertThat(cases.findByNumber(c.caseNumber(), scopes.of("zhaolei", loop.groups("zhaolei")))).isEmpty();
        assertThat(search.search(byNumber, scopes.of("zhaolei", loop.groups("zhaolei")))).isEmpty();
    }
}
