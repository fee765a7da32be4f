package io.gridloop.grid;

import java.util.List;

/** 大类 with its 小类; a subcategory is a Category whose parentCode is set. */
public record Category(String code, String parentCode, CategoryKind kind, String name, String nameEn,
                       List<Category> subcategories) {

    public boolean isSubcategory() {
        return parentCode != null;
    }
}
