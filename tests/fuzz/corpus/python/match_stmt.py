import re
match = re.match("a", "a")
match.group(0)
match(1, 2) if False else None
case = 1
type = 2
command = "x"
match command.split():
    case [action]:
        import in_case
    case [action, obj] if obj:
        from in_guarded_case import x
    case _:
        pass
match (command):
    case "a" | "b":
        import in_paren_subject_case


def f():
    match command:
        case "x":
            import case_in_function
    match ...:
        case _:
            pass
