/* libical's own reading of an .ics file: parse it, run icalrestriction_check (the RFC 5545/5546
 * property rules per component), and print every X-LIC-ERROR libical attached. Exit 0 when clean.
 * Compiled by tests/test_consumers.py: cc libical_check.c $(pkg-config --cflags --libs libical) */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

static int report(icalcomponent *component) {
    int found = 0;
    for (icalproperty *p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        printf("%s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(component)), icalproperty_get_xlicerror(p));
        found++;
    }
    for (icalcomponent *inner = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); inner;
         inner = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
        found += report(inner);
    return found;
}

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    FILE *file = fopen(argv[1], "rb");
    if (!file) return 2;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *text = malloc(size + 1);
    if (!text || fread(text, 1, size, file) != (size_t)size) return 2;
    text[size] = 0;
    icalcomponent *calendar = icalparser_parse_string(text);
    if (!calendar) { printf("not parsed\n"); return 1; }
    int restrictions_ok = icalrestriction_check(calendar);
    int errors = report(calendar);
    int components = icalcomponent_count_components(calendar, ICAL_ANY_COMPONENT);
    printf("components=%d restrictions=%s errors=%d\n", components, restrictions_ok ? "ok" : "failed", errors);
    return restrictions_ok && errors == 0 ? 0 : 1;
}
