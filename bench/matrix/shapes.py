"""The rule of each shape of bench/matrix.py: (name, archdrift.toml text, ast-grep rule body or
None). The design-system table, the layer rule and the duplicate rule are those of
bench/plane-ds, bench/plane-layers and bench/plane-dup; the 19-rule all-kinds set is
bench/plane (12 banned patterns) + bench/plane-ds's 5 rules + the layer and duplicate rules."""
import os

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _read(p):
    with open(os.path.join(here, p)) as f:
        return f.read()


def _rules(text, ids=None):
    """The [[rule]] tables of a rule file (those with one of `ids`)."""
    parts = text.split("[[rule]]")
    out = []
    for p in parts[1:]:
        if ids is None or any(f'id = "{i}"' in p for i in ids):
            out.append("[[rule]]" + p.rstrip() + "\n\n")
    return "".join(out)


_ds = _read("plane-ds/archdrift.toml")
DS_TABLE = "[design_system]" + _ds.split("[design_system]")[1].split("[[rule]]")[0]
LAYERS = _rules(_read("plane-layers/archdrift.toml"), ["bench/layers"])
DUPS = _rules(_read("plane-dup/archdrift.toml"), ["bench/duplicates"])
PLANE_12 = _rules(_read("plane/archdrift.toml"))
PLANE_DS_5 = _rules(_read("plane-ds/archdrift.toml"), ["bench/ds-raw-element", "bench/ds-wrapped-import",
                                                     "bench/ds-hardcoded-style", "bench/no-secrets",
                                                     "bench/hardcoded-config"])
RA_11 = _rules(_read("rust-analyzer/archdrift.toml"))


def rule(fields, rid="m", kind="banned-pattern"):
    return f'[[rule]]\nid = "bench/{rid}"\nkind = "{kind}"\nmessage = "m"\n{fields}\n\n'


def hc(detector):
    return rule(f'detectors = ["{detector}"]', "hc-" + detector, "hardcoded-config")


def ds(check):
    return DS_TABLE + rule(f'checks = ["{check}"]', "ds-" + check, "design-system")


# grouped: a predicate outside the parentheses of a pattern applies to nothing in tree-sitter (it
# is a pattern of its own), and archdrift rejects that form
BUTTON = ('([(jsx_opening_element name: (identifier) @n) (jsx_self_closing_element name: '
          '(identifier) @n)] @match (#eq? @n "button"))')
HTTP = '((string_fragment) @match (#match? @match "^http://"))'
NEW_FUNCTION = '((new_expression constructor: (identifier) @c) @match (#eq? @c "Function"))'
DOC_WRITE = ('((call_expression function: (member_expression object: (identifier) @o property: '
             '(property_identifier) @p)) @match (#eq? @o "document") (#eq? @p "write"))')

# the plain rule set a user would write (issue 18): alternation, #match?, calls, imports, types
PLAIN_5 = (rule(f"language = [\"tsx\"]\nquery = '''{BUTTON}'''", "raw-button")
           + rule(f"language = [\"typescript\", \"tsx\"]\nquery = '''{HTTP}'''", "http")
           + rule('calls = ["console.*"]', "console")
           + rule('imports = ["lodash"]', "lodash")
           + rule('types = ["any"]', "any"))

SHAPES = {
    "plane": [
        ("calls", rule('calls = ["console.*"]'), "rule:\n  pattern: console.$M($$$A)\n"),
        ("methods", rule('methods = ["substr"]'), "rule:\n  pattern: $O.substr($$$A)\n"),
        ("imports", rule('imports = ["lodash"]'),
         "rule:\n  kind: string\n  regex: ^['\"]lodash(/.*)?['\"]$\n  inside:\n    kind: import_statement\n"),
        ("types", rule('types = ["any"]'), "rule:\n  kind: predefined_type\n  regex: ^any$\n"),
        ("query-plain", rule("language = [\"typescript\", \"tsx\"]\nquery = '(debugger_statement) @match'"),
         "rule:\n  kind: debugger_statement\n"),
        ("query-alternation", rule(f"language = [\"tsx\"]\nquery = '''{BUTTON}'''"), None),
        ("query-match", rule(f"language = [\"typescript\", \"tsx\"]\nquery = '''{HTTP}'''"),
         "rule:\n  kind: string_fragment\n  regex: ^http://\n"),
        ("query-eq", rule(f"language = [\"typescript\", \"tsx\"]\nquery = '''{NEW_FUNCTION}'''"),
         "rule:\n  pattern: new Function($$$A)\n"),
        ("query-nested", rule(f"language = [\"typescript\", \"tsx\"]\nquery = '''{DOC_WRITE}'''"),
         "rule:\n  pattern: document.write($$$A)\n"),
        ("query-anonymous", rule("language = [\"typescript\", \"tsx\"]\nquery = '''(binary_expression operator: \"==\") @match'''"),
         "rule:\n  pattern: $A == $B\n"),
        ("regex", rule("regex = 'eslint-disable-next-line'"), None),
        ("ds-elements", ds("elements"), None),
        ("ds-imports", ds("imports"), None),
        ("ds-styles", ds("styles"), None),
        ("hc-url", hc("url"), None),
        ("hc-host", hc("host"), None),
        ("hc-port", hc("port"), None),
        ("hc-secret", hc("secret"), None),
        ("hc-env-name", hc("env-name"), None),
        ("hc-timeout", hc("timeout"), None),
        ("layers", LAYERS, None),
        ("duplicates", DUPS, None),
        ("plain-5", PLAIN_5, None),
        ("all-kinds-19", DS_TABLE + PLANE_12 + PLANE_DS_5 + LAYERS + DUPS, None),
    ],
    "rust-analyzer": [
        ("calls", rule('calls = ["std::process::exit"]'), "rule:\n  pattern: std::process::exit($$$A)\n"),
        ("methods", rule('methods = ["unwrap"]'), "rule:\n  pattern: $O.unwrap()\n"),
        ("macros", rule('macros = ["dbg"]'), "rule:\n  pattern: dbg!($$$A)\n"),
        ("imports", rule('imports = ["std::process"]'), None),
        ("types", rule('types = ["RefCell"]'), "rule:\n  kind: type_identifier\n  regex: ^RefCell$\n"),
        ("query-plain", rule("language = \"rust\"\nquery = '(unsafe_block) @match'"),
         "rule:\n  kind: unsafe_block\n"),
        ("query-alternation", rule("language = \"rust\"\nquery = '''([(macro_invocation macro: (identifier) @n) (macro_definition name: (identifier) @n)] @match (#eq? @n \"format_args\"))'''"), None),
        ("query-match", rule("language = \"rust\"\nquery = '''((string_content) @match (#match? @match \"^https?://\"))'''"),
         "rule:\n  kind: string_content\n  regex: ^https?://\n"),
        ("query-nested", rule("language = \"rust\"\nquery = '''((call_expression function: (scoped_identifier path: (identifier) @p name: (identifier) @n)) @match (#eq? @p \"process\") (#eq? @n \"exit\"))'''"), None),
        ("query-anonymous", rule("language = \"rust\"\nquery = '''(binary_expression operator: \"==\") @match'''"),
         "rule:\n  pattern: $A == $B\n"),
        ("regex", rule("regex = 'FIXME'"), None),
        ("hc-url", hc("url"), None),
        ("hc-port", hc("port"), None),
        ("hc-secret", hc("secret"), None),
        ("hc-timeout", hc("timeout"), None),
        ("duplicates", rule('tests = "exclude"', "duplicates", "duplicate-component"), None),
        ("ra-11", RA_11, None),
    ],
}

AST_GREP_LANGS = {"plane": ["TypeScript", "Tsx"], "rust-analyzer": ["Rust"]}
