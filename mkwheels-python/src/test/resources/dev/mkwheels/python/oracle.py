"""The reference side of mkwheels-python's differential tests.

Reads one JSON array per line from stdin, [kind, arg...], and writes one JSON line per request with
the answer of pip's vendored packaging (the library every pip user has). Any ValueError (an invalid
version, specifier, marker, requirement or file name) is answered "invalid"; any other exception
is answered ["error", its type name].
"""
import functools
import json
import sys
import warnings

warnings.simplefilter("ignore")

from pip._vendor.packaging import markers, requirements, specifiers, tags, utils, version


def ver(s):
    v = version.Version(s)
    return [str(v), v.public, v.base_version, v.is_prerelease, v.is_postrelease,
            v.is_devrelease, v.local, utils.canonicalize_version(v)]


def cmp(a, b):
    va, vb = version.Version(a), version.Version(b)
    return -1 if va < vb else (1 if va > vb else 0)


@functools.lru_cache(maxsize=None)
def parse_version(v):
    return version.Version(v)


@functools.lru_cache(maxsize=None)
def parse_spec(s):
    return specifiers.Specifier(s)


@functools.lru_cache(maxsize=None)
def parse_set(s):
    return specifiers.SpecifierSet(s)


def spec(s, v, pre):
    return parse_spec(s).contains(parse_version(v), prereleases=pre)


def specset(s, v, pre):
    return parse_set(s).contains(parse_version(v), prereleases=pre)


def filt(s, vs, pre):
    parsed = [parse_version(v) for v in vs]
    return [str(v) for v in parse_set(s).filter(parsed, prereleases=pre)]


ENV_KEYS = ["implementation_name", "implementation_version", "os_name", "platform_machine",
            "platform_release", "platform_system", "platform_version", "python_full_version",
            "platform_python_implementation", "python_version", "sys_platform"]


@functools.lru_cache(maxsize=None)
def parse_marker(m):
    return markers.Marker(m)


def marker(m, env, extra):
    environment = dict(zip(ENV_KEYS, env))
    environment["extra"] = extra
    return parse_marker(m).evaluate(environment)


def req(r):
    q = requirements.Requirement(r)
    return [q.name, sorted(q.extras), str(q.specifier), q.url,
            str(q.marker) if q.marker else None]


def wheel(f):
    name, v, build, tag_set = utils.parse_wheel_filename(f)
    return [name, str(v), list(build), sorted(str(t) for t in tag_set)]


def sdist(f):
    name, v = utils.parse_sdist_filename(f)
    return [name, str(v)]


def sdist_for(f, project):
    from pip._internal.index.package_finder import _extract_version_from_fragment
    from pip._internal.index.package_finder import SUPPORTED_EXTENSIONS
    from pip._internal.utils.misc import splitext
    base, ext = splitext(f)
    if ext not in SUPPORTED_EXTENSIONS or ext == ".whl":
        raise ValueError(ext)
    v = _extract_version_from_fragment(base, project)
    if not v:
        raise ValueError(f)
    return [utils.canonicalize_name(base[: len(base) - len(v) - 1]), str(version.Version(v)), ext]


def platforms(platform):
    import re
    from pip._vendor.packaging import _manylinux, _musllinux
    m = re.match(r"manylinux_(\d+)_(\d+)_(.+)$", platform)
    legacy = re.match(r"manylinux(1|2010|2014)_(.+)$", platform)
    if m or legacy:
        if m:
            glibc, arch = (int(m.group(1)), int(m.group(2))), m.group(3)
        else:
            glibc = (2, {"1": 5, "2010": 12, "2014": 17}[legacy.group(1)])
            arch = legacy.group(2)
        _manylinux._get_glibc_version = lambda: glibc
        _manylinux._have_compatible_abi = lambda a: a in {
            "x86_64", "i686", "aarch64", "armv7l", "ppc64", "ppc64le", "s390x"}
        return list(_manylinux.platform_tags("linux_" + arch, arch)) + ["linux_" + arch]
    m = re.match(r"musllinux_(\d+)_(\d+)_(.+)$", platform)
    if m:
        musl = _musllinux._MuslVersion(int(m.group(1)), int(m.group(2)))
        _musllinux._get_musl_version = lambda executable: musl
        return list(_musllinux.platform_tags(m.group(3))) + ["linux_" + m.group(3)]
    m = re.match(r"macosx_(\d+)_(\d+)_(.+)$", platform)
    if m:
        return list(tags.mac_platforms((int(m.group(1)), int(m.group(2))), m.group(3)))
    return [platform]


def tag_list(impl, major, minor, abis, platform):
    plats = platforms(platform)
    v = (major, minor)
    nodot = f"{major}{minor}"
    if impl == "cp":
        out = list(tags.cpython_tags(v, abis or None, plats))
        out += list(tags.compatible_tags(v, None, plats))
    elif impl == "pp":
        out = list(tags.generic_tags("pp" + nodot, abis, plats))
        out += list(tags.compatible_tags(v, "pp3", plats))
    else:
        out = list(tags.generic_tags(impl + nodot, abis, plats))
        out += list(tags.compatible_tags(v, None, plats))
    return [str(t) for t in out]


def metadata(text):
    import email.parser
    from pip._internal.metadata._json import msg_to_json
    msg = email.parser.Parser().parsestr(text)
    out = [[k, v] for k, v in msg_to_json(msg).items()]
    if "License-Expression" in msg:
        out.append(["license_expression", str(msg.get("License-Expression"))])
    if "License-File" in msg:
        out.append(["license_file", [str(v) for v in msg.get_all("License-File")]])
    return out


HANDLERS = {
    "metadata": metadata,
    "tags": tag_list,
    "tagsexceptany": tag_list,
    "wheel": wheel,
    "sdist": sdist,
    "sdistfor": sdist_for,
    "marker": marker,
    "markerstr": lambda m: str(parse_marker(m)),
    "req": req,
    "name": lambda s: utils.canonicalize_name(s),
    "version": ver,
    "cmp": cmp,
    "spec": spec,
    "specset": specset,
    "specsetstr": lambda s: str(parse_set(s)),
    "filter": filt,
}


def answer(request):
    try:
        return HANDLERS[request[0]](*request[1:])
    except ValueError:
        return "invalid"
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        return ["error", type(e).__name__]


def main():
    out = sys.stdout
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(answer(json.loads(line)), separators=(",", ":")) + "\n")
    out.flush()


main()
