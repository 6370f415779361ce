package io.callisto.widgets;

/**
 * CSS layout of a widget's element (ipywidgets' {@code Layout}, {@code LayoutModel} of
 * {@code @jupyter-widgets/base}): every trait is a CSS value string, or null to leave the property unset.
 * E.g. {@code new Layout().width("50%").border("1px solid gray")}.
 */
public final class Layout extends Widget<Layout> {
    public Layout() {
        super(new Model("LayoutModel", Model.BASE, Model.VERSION, "LayoutView", Model.BASE, Model.VERSION));
        trait("align_content", Kind.STRING, null);
        trait("align_items", Kind.STRING, null);
        trait("align_self", Kind.STRING, null);
        trait("border_bottom", Kind.STRING, null);
        trait("border_left", Kind.STRING, null);
        trait("border_right", Kind.STRING, null);
        trait("border_top", Kind.STRING, null);
        trait("bottom", Kind.STRING, null);
        trait("display", Kind.STRING, null);
        trait("flex", Kind.STRING, null);
        trait("flex_flow", Kind.STRING, null);
        trait("grid_area", Kind.STRING, null);
        trait("grid_auto_columns", Kind.STRING, null);
        trait("grid_auto_flow", Kind.STRING, null);
        trait("grid_auto_rows", Kind.STRING, null);
        trait("grid_column", Kind.STRING, null);
        trait("grid_gap", Kind.STRING, null);
        trait("grid_row", Kind.STRING, null);
        trait("grid_template_areas", Kind.STRING, null);
        trait("grid_template_columns", Kind.STRING, null);
        trait("grid_template_rows", Kind.STRING, null);
        trait("height", Kind.STRING, null);
        trait("justify_content", Kind.STRING, null);
        trait("justify_items", Kind.STRING, null);
        trait("left", Kind.STRING, null);
        trait("margin", Kind.STRING, null);
        trait("max_height", Kind.STRING, null);
        trait("max_width", Kind.STRING, null);
        trait("min_height", Kind.STRING, null);
        trait("min_width", Kind.STRING, null);
        trait("object_fit", Kind.STRING, null);
        trait("object_position", Kind.STRING, null);
        trait("order", Kind.STRING, null);
        trait("overflow", Kind.STRING, null);
        trait("padding", Kind.STRING, null);
        trait("right", Kind.STRING, null);
        trait("top", Kind.STRING, null);
        trait("visibility", Kind.STRING, null);
        trait("width", Kind.STRING, null);
    }

    /** Sets the four borders at once (ipywidgets 8's {@code border} shorthand). */
    public Layout border(String border) {
        return borderTop(border).borderRight(border).borderBottom(border).borderLeft(border);
    }

    public String alignContent() {
        return (String) get("align_content");
    }

    public Layout alignContent(String alignContent) {
        return set("align_content", alignContent);
    }

    public String alignItems() {
        return (String) get("align_items");
    }

    public Layout alignItems(String alignItems) {
        return set("align_items", alignItems);
    }

    public String alignSelf() {
        return (String) get("align_self");
    }

    public Layout alignSelf(String alignSelf) {
        return set("align_self", alignSelf);
    }

    public String borderBottom() {
        return (String) get("border_bottom");
    }

    public Layout borderBottom(String borderBottom) {
        return set("border_bottom", borderBottom);
    }

    public String borderLeft() {
        return (String) get("border_left");
    }

    public Layout borderLeft(String borderLeft) {
        return set("border_left", borderLeft);
    }

    public String borderRight() {
        return (String) get("border_right");
    }

    public Layout borderRight(String borderRight) {
        return set("border_right", borderRight);
    }

    public String borderTop() {
        return (String) get("border_top");
    }

    public Layout borderTop(String borderTop) {
        return set("border_top", borderTop);
    }

    public String bottom() {
        return (String) get("bottom");
    }

    public Layout bottom(String bottom) {
        return set("bottom", bottom);
    }

    public String display() {
        return (String) get("display");
    }

    public Layout display(String display) {
        return set("display", display);
    }

    public String flex() {
        return (String) get("flex");
    }

    public Layout flex(String flex) {
        return set("flex", flex);
    }

    public String flexFlow() {
        return (String) get("flex_flow");
    }

    public Layout flexFlow(String flexFlow) {
        return set("flex_flow", flexFlow);
    }

    public String gridArea() {
        return (String) get("grid_area");
    }

    public Layout gridArea(String gridArea) {
        return set("grid_area", gridArea);
    }

    public String gridAutoColumns() {
        return (String) get("grid_auto_columns");
    }

    public Layout gridAutoColumns(String gridAutoColumns) {
        return set("grid_auto_columns", gridAutoColumns);
    }

    public String gridAutoFlow() {
        return (String) get("grid_auto_flow");
    }

    public Layout gridAutoFlow(String gridAutoFlow) {
        return set("grid_auto_flow", gridAutoFlow);
    }

    public String gridAutoRows() {
        return (String) get("grid_auto_rows");
    }

    public Layout gridAutoRows(String gridAutoRows) {
        return set("grid_auto_rows", gridAutoRows);
    }

    public String gridColumn() {
        return (String) get("grid_column");
    }

    public Layout gridColumn(String gridColumn) {
        return set("grid_column", gridColumn);
    }

    public String gridGap() {
        return (String) get("grid_gap");
    }

    public Layout gridGap(String gridGap) {
        return set("grid_gap", gridGap);
    }

    public String gridRow() {
        return (String) get("grid_row");
    }

    public Layout gridRow(String gridRow) {
        return set("grid_row", gridRow);
    }

    public String gridTemplateAreas() {
        return (String) get("grid_template_areas");
    }

    public Layout gridTemplateAreas(String gridTemplateAreas) {
        return set("grid_template_areas", gridTemplateAreas);
    }

    public String gridTemplateColumns() {
        return (String) get("grid_template_columns");
    }

    public Layout gridTemplateColumns(String gridTemplateColumns) {
        return set("grid_template_columns", gridTemplateColumns);
    }

    public String gridTemplateRows() {
        return (String) get("grid_template_rows");
    }

    public Layout gridTemplateRows(String gridTemplateRows) {
        return set("grid_template_rows", gridTemplateRows);
    }

    public String height() {
        return (String) get("height");
    }

    public Layout height(String height) {
        return set("height", height);
    }

    public String justifyContent() {
        return (String) get("justify_content");
    }

    public Layout justifyContent(String justifyContent) {
        return set("justify_content", justifyContent);
    }

    public String justifyItems() {
        return (String) get("justify_items");
    }

    public Layout justifyItems(String justifyItems) {
        return set("justify_items", justifyItems);
    }

    public String left() {
        return (String) get("left");
    }

    public Layout left(String left) {
        return set("left", left);
    }

    public String margin() {
        return (String) get("margin");
    }

    public Layout margin(String margin) {
        return set("margin", margin);
    }

    public String maxHeight() {
        return (String) get("max_height");
    }

    public Layout maxHeight(String maxHeight) {
        return set("max_height", maxHeight);
    }

    public String maxWidth() {
        return (String) get("max_width");
    }

    public Layout maxWidth(String maxWidth) {
        return set("max_width", maxWidth);
    }

    public String minHeight() {
        return (String) get("min_height");
    }

    public Layout minHeight(String minHeight) {
        return set("min_height", minHeight);
    }

    public String minWidth() {
        return (String) get("min_width");
    }

    public Layout minWidth(String minWidth) {
        return set("min_width", minWidth);
    }

    public String objectFit() {
        return (String) get("object_fit");
    }

    public Layout objectFit(String objectFit) {
        return set("object_fit", objectFit);
    }

    public String objectPosition() {
        return (String) get("object_position");
    }

    public Layout objectPosition(String objectPosition) {
        return set("object_position", objectPosition);
    }

    public String order() {
        return (String) get("order");
    }

    public Layout order(String order) {
        return set("order", order);
    }

    public String overflow() {
        return (String) get("overflow");
    }

    public Layout overflow(String overflow) {
        return set("overflow", overflow);
    }

    public String padding() {
        return (String) get("padding");
    }

    public Layout padding(String padding) {
        return set("padding", padding);
    }

    public String right() {
        return (String) get("right");
    }

    public Layout right(String right) {
        return set("right", right);
    }

    public String top() {
        return (String) get("top");
    }

    public Layout top(String top) {
        return set("top", top);
    }

    public String visibility() {
        return (String) get("visibility");
    }

    public Layout visibility(String visibility) {
        return set("visibility", visibility);
    }

    public String width() {
        return (String) get("width");
    }

    public Layout width(String width) {
        return set("width", width);
    }
}
