"""Hub user names: which a workshop accepts, and the one made from an email address.

A student's hub user name names their account on the server (a Unix user on The
Littlest JupyterHub or a hub with local users) and, later, their workbook and hand-in,
so it must be one that every hub accepts and that is safe as a file name:

- lower-case ASCII letters ``a-z``, digits, ``-``, ``_`` and ``.``;
- starting with a letter (never ``.`` or ``-``: no hidden file, no command option,
  no ``..``);
- at most 32 characters (the longest Unix user name Linux's ``useradd`` makes);
- not a system account (``root``, ``nobody``...).

JupyterHub folds the name a student logs in with to lower case, so a roster's
``ALima`` is the hub's ``alima``: :func:`normal_user_name` folds it the same way
before checking. Nothing else is changed: a name with a space, an ``@`` or an
accent is refused with the reason rather than guessed at.

Dots are accepted: many universities' log-ins have them (``ana.lima``), and ``useradd``
and JupyterHub accept them. Debian's ``adduser`` (which JupyterHub's
``LocalAuthenticator.create_system_users`` runs) refuses them unless given
``--allow-bad-names``: a hub that creates its users that way needs that option.

>>> user_name_problem("ana.lima") is None
True
>>> user_name_problem("ana lima")
'it has a space'
>>> user_name_from_email("Ana.Lima@Example.edu")
'ana.lima'
"""

from __future__ import annotations

import re
import unicodedata

#: The longest user name accepted (Linux's limit for a user name).
MAX_USER_NAME = 32

#: What a user name may be, after :func:`normal_user_name`.
USER_NAME = re.compile(r"[a-z][a-z0-9._-]{0,31}")

#: What the rule is, in words, for a message.
RULE = (
    "use lower-case letters a-z, digits, '-', '_' or '.', starting with a letter, "
    f"at most {MAX_USER_NAME} characters"
)

#: System accounts a student's name must never be (a hub would run their server as it).
RESERVED = frozenset(
    {
        "adm",
        "admin",
        "bin",
        "daemon",
        "jupyterhub",
        "mail",
        "nobody",
        "operator",
        "root",
        "sync",
        "sys",
        "www-data",
    }
)

_NAMED = {" ": "a space", "@": "an @ sign", "/": "a slash (/)", "\\": "a backslash (\\)"}


def normal_user_name(text: str) -> str:
    """``text`` as the hub would see it: trimmed and in lower case.

    >>> normal_user_name("  ALima ")
    'alima'
    """
    return text.strip().lower()


def user_name_problem(name: str) -> str | None:
    """What is wrong with ``name`` as a hub user name, in words, or ``None``.

    ``name`` is checked as it is: fold it with :func:`normal_user_name` first.

    >>> user_name_problem("2ana"), user_name_problem("root")
    ("it starts with '2', not a letter", 'it is the name of a system account')
    >>> user_name_problem("zoë")
    "it has 'ë', which is not a letter a-z"
    """
    if not name:
        return "it is empty"
    if len(name) > MAX_USER_NAME:
        return f"it is {len(name)} characters long"
    if USER_NAME.fullmatch(name):
        return "it is the name of a system account" if name in RESERVED else None
    for char in name:
        if char not in "abcdefghijklmnopqrstuvwxyz0123456789._-":
            return f"it has {_describe(char)}"
    return f"it starts with {name[0]!r}, not a letter"


def user_name_from_email(email: str) -> str:
    """The user name made from an email address: the part before the last ``@``, in lower
    case, as it is (check it with :func:`user_name_problem`: ``ana+careers`` is made, and
    refused there, rather than guessed into ``ana``).

    >>> user_name_from_email("ana+careers@example.edu")
    'ana+careers'
    """
    local, _at, _domain = email.rpartition("@")
    return normal_user_name(local)


def _describe(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    if char.isspace():
        return "a space"
    if "A" <= char <= "Z":
        return f"a capital letter ({char}): a hub user name is in lower case"
    if char.isalpha():
        return f"{char!r}, which is not a letter a-z"
    if not char.isprintable():
        return f"an invisible character (U+{ord(char):04X} {unicodedata.name(char, '')})".replace(
            " )", ")"
        )
    return f"{char!r}"
