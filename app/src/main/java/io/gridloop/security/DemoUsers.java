package io.gridloop.security;

import io.gridloop.grid.Department;
import io.gridloop.grid.ReferenceData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded default's officials, one or more for every role, all with the password {@code demo}. Created only when
 * {@code gridloop.demo-users=true} (the embedded default), never in production, and only where they do not exist yet.
 */
@Component
@ConditionalOnProperty(name = "gridloop.demo-users", havingValue = "true")
public class DemoUsers {

    public static final String PASSWORD = "demo";

    /** user id → (surname, given name, groups) */
    public record DemoUser(String id, String lastName, String firstName, List<String> groups, String roleLabel) {}

    private final IdentityService identity;
    private final ReferenceData reference;

    public DemoUsers(IdentityService identity, ReferenceData reference) {
        this.identity = identity;
        this.reference = reference;
    }

    /** A department's group as the reference data names it. */
    private String groupOf(String department) {
        return reference.department(department).map(Department::groupId).orElseThrow();
    }

    public List<DemoUser> users() {
        List<DemoUser> users = new ArrayList<>(List.of(
                new DemoUser("wangwei", "王", "伟", List.of(Roles.GRID_WORKER), "网格员 grid worker (德胜、新街口街道的网格)"),
                new DemoUser("lihua", "李", "华", List.of(Roles.GRID_WORKER), "网格员 grid worker (金融街街道的网格)"),
                new DemoUser("lina", "李", "娜", List.of(Roles.INTAKE), "受理员 intake operator"),
                new DemoUser("zhangmin", "张", "敏", List.of(Roles.DISPATCHER), "派遣员 dispatcher"),
                new DemoUser("gaofei", "高", "飞", List.of(Roles.INTAKE, Roles.DISPATCHER, Roles.STREET_GROUP_PREFIX + "S03"),
                        "金融街街道受理派遣员 street intake and dispatcher"),
                new DemoUser("liuyang", "刘", "洋", List.of(groupOf("citymgmt")), "城管执法局处置人员 handler"),
                new DemoUser("chenjing", "陈", "静", List.of(groupOf("citymgmt")), "城管执法局处置人员 handler"),
                new DemoUser("zhaolei", "赵", "磊", List.of(groupOf("water")), "水务局处置人员 handler"),
                new DemoUser("sunli", "孙", "丽", List.of(groupOf("roads")), "市政市容委处置人员 handler"),
                new DemoUser("zhoujie", "周", "杰", List.of(Roles.SUPERVISOR), "区督查员 district supervisor"),
                new DemoUser("qianfeng", "钱", "峰", List.of("supervisor-S01"), "德胜街道督查员 street supervisor"),
                new DemoUser("xuli", "徐", "丽", List.of("supervisor-S02"), "新街口街道督查员 street supervisor"),
                new DemoUser("hejun", "何", "军", List.of("supervisor-S03"), "金融街街道督查员 street supervisor"),
                new DemoUser("wuqiang", "吴", "强", List.of(Roles.MANAGER), "领导 manager"),
                new DemoUser("owner", "流程", "管理员", List.of(Roles.PROCESS_OWNER), "流程管理员 process owner"),
                new DemoUser("admin", "系统", "管理员", List.of(Roles.ADMIN, Roles.PROCESS_OWNER), "系统管理员 administrator")));
        // every other department gets one handler, so that any routing has someone to work it
        for (Department d : reference.departments()) {
            boolean staffed = users.stream().anyMatch(u -> u.groups().contains(d.groupId()));
            if (!staffed) {
                users.add(new DemoUser(d.code() + "1", d.name(), "处置员", List.of(d.groupId()), d.name() + "处置人员 handler"));
            }
        }
        return users;
    }

    @EventListener(ContextRefreshedEvent.class)
    public void create() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(Roles.GRID_WORKER, "网格员");
        groups.put(Roles.INTAKE, "受理员");
        groups.put(Roles.DISPATCHER, "派遣员");
        groups.put(Roles.SUPERVISOR, "督查员");
        groups.put(Roles.MANAGER, "领导");
        groups.put(Roles.PROCESS_OWNER, "流程管理员");
        groups.put(Roles.ADMIN, "系统管理员");
        reference.departments().forEach(d -> groups.put(d.groupId(), d.name()));
        reference.streets().forEach(st -> groups.put(Roles.STREET_SUPERVISOR_PREFIX + st.code(), st.name() + "督查员"));
        reference.streets().forEach(st -> groups.put(Roles.STREET_GROUP_PREFIX + st.code(), st.name()));
        groups.forEach((id, name) -> {
            if (identity.createGroupQuery().groupId(id).count() == 0) {
                Group g = identity.newGroup(id);
                g.setName(name);
                g.setType(reference.departmentOfGroup(id).isPresent() ? "DEPARTMENT" : "WORKFLOW");
                identity.saveGroup(g);
            }
        });
        for (DemoUser d : users()) {
            if (identity.createUserQuery().userId(d.id()).count() > 0) {
                continue;
            }
            User u = identity.newUser(d.id());
            u.setFirstName(d.firstName());
            u.setLastName(d.lastName());
            u.setEmail(d.id() + "@gridloop.local");
            u.setPassword(PASSWORD);
            identity.saveUser(u);
            d.groups().forEach(g -> identity.createMembership(d.id(), g));
        }
    }
}
