//! Reads of files that the analysed repository controls (configuration, rule files, metadata such
//! as `package.json`, ADRs, tokens files, baseline and cache, and source files) that can neither
//! block nor exhaust memory: the file is opened non-blocking (a FIFO opens at once instead of
//! waiting for a writer), the opened handle is `fstat`ed and refused unless it is a regular file
//! (FIFOs, sockets, `/dev/zero` and other devices), and at most `max_bytes + 1` bytes are read.
//!
//! Every text read ([`read_regular_string`], [`read_config_string`]: configuration, manifests,
//! tokens, other source files a resolution looks into) and every existence probe through
//! [`is_file`] is noted with a hash of what it found: the inputs a check depended on besides the
//! checked files themselves, which the content-hash cache stores and compares on its next run
//! ([`noted_inputs`], [`input_unchanged`]).
//!
//! A leaf module: it uses only the standard library and `libc`'s flag constants, so it can move.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;
use std::sync::Mutex;

/// The size cap for configuration and metadata files (rule files, manifests, ADRs, tokens,
/// `config_files`, baseline): far above any real one, far below what hurts.
pub(crate) const CONFIG_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// The size cap for ignore files (`.gitignore`, `.ignore`) read by the walk.
pub(crate) const IGNORE_FILE_MAX_BYTES: u64 = 4 * 1024 * 1024;

/// What kind of file `meta` describes, in words, for an error message.
pub(crate) fn kind_name(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_file() {
        return "regular file";
    }
    if t.is_dir() {
        return "directory";
    }
    if t.is_symlink() {
        return "symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "FIFO";
        }
        if t.is_socket() {
            return "socket";
        }
        if t.is_char_device() {
            return "character device";
        }
        if t.is_block_device() {
            return "block device";
        }
    }
    "special file"
}

/// Opens `path` for reading without blocking on FIFOs or devices.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    opts.open(path)
}

/// The bytes of the regular file at `path` (symbolic links followed), at most `max_bytes`.
///
/// Errors: the open error as it is; `InvalidInput` ("not a regular file (a FIFO)") for anything
/// but a regular file; `FileTooLarge` when the file holds more than `max_bytes` bytes (also when
/// it grows while being read).
pub(crate) fn read_regular(path: &Path, max_bytes: u64) -> io::Result<Vec<u8>> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a regular file (a {})", kind_name(&meta)),
        ));
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len(), max_bytes));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > max_bytes {
        return Err(too_large(buf.len() as u64, max_bytes));
    }
    Ok(buf)
}

fn too_large(len: u64, max: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("{len} bytes or more, over the {max}-byte cap"),
    )
}

/// [`read_regular`] for text: invalid UTF-8 is an `InvalidData` error. A leading UTF-8 byte
/// order mark is kept (callers that parse strip it).
pub(crate) fn read_regular_string(path: &Path, max_bytes: u64) -> io::Result<String> {
    let r = read_regular_string_unnoted(path, max_bytes);
    if noting() {
        note(Input::Read, path, max_bytes, outcome_of(&r));
    }
    r
}

fn read_regular_string_unnoted(path: &Path, max_bytes: u64) -> io::Result<String> {
    let bytes = read_regular(path, max_bytes)?;
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// [`read_regular_string`] with the [`CONFIG_MAX_BYTES`] cap: for configuration and metadata.
pub(crate) fn read_config_string(path: &Path) -> io::Result<String> {
    read_regular_string(path, CONFIG_MAX_BYTES)
}

/// Why the file at `path` must not be read as an ignore file, or None when it is absent or a
/// regular file within `max_bytes` (following symbolic links). A dangling link is fine (absent).
pub(crate) fn unfit_ignore_file(path: &Path, max_bytes: u64) -> Option<String> {
    std::fs::symlink_metadata(path).ok()?;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return Some(format!("not a regular file (a {})", kind_name(&meta)));
    }
    if meta.len() > max_bytes {
        return Some(format!(
            "{} bytes, over the {max_bytes}-byte cap for ignore files",
            meta.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_and_caps_their_size() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.txt");
        std::fs::write(&p, "hello").unwrap();
        assert_eq!(read_regular(&p, 5).unwrap(), b"hello");
        let e = read_regular(&p, 4).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        std::fs::write(&p, [0xff, 0xfe]).unwrap();
        assert_eq!(
            read_regular_string(&p, 10).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
        assert!(read_regular(&d.path().join("missing"), 10).is_err());
        assert_eq!(unfit_ignore_file(&d.path().join("missing"), 10), None);
        assert_eq!(unfit_ignore_file(&p, 10), None);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_fifos_and_directories_without_blocking() {
        let e = read_regular(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert!(e.to_string().contains("character device"), "{e}");
        let d = tempfile::tempdir().unwrap();
        assert!(read_regular(d.path(), 10).is_err());
        let fifo = d.path().join("f");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            let e = read_regular(&fifo, 10).unwrap_err();
            assert!(e.to_string().contains("FIFO"), "{e}");
            assert!(unfit_ignore_file(&fifo, 10).unwrap().contains("FIFO"));
        }
        let link = d.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(unfit_ignore_file(&link, 10).unwrap().contains("device"));
    }
}

/// What a noted input is: a text read (with its size cap) or an existence probe.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Input {
    Read,
    Probe,
}

/// One noted input: what was looked at and a hash of what was found.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct NotedInput {
    pub(crate) kind: Input,
    pub(crate) path: String,
    pub(crate) max_bytes: u64,
    pub(crate) found: u64,
}

/// Past this many distinct inputs nothing more is noted and [`noted_inputs`] says so (a
/// long-running editor session must not grow without bound).
const MAX_NOTED: usize = 1 << 18;

/// Noted inputs by (kind, path, size cap), in a hash table (an ordered map compared long
/// paths with the same prefix ~14 times per insert: ~1,500 instructions a probe of layer
/// resolution); [`noted_inputs`] sorts them.
struct Notes {
    map: std::collections::HashMap<(Input, String, u64), u64, foldhash::fast::FixedState>,
    overflow: bool,
}

static NOTES: Mutex<Notes> = Mutex::new(Notes {
    map: std::collections::HashMap::with_hasher(foldhash::fast::FixedState::with_seed(0)),
    overflow: false,
});

/// Whether inputs are noted: until [`stop_noting`] (a process that writes no cache).
static NOTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// No input is noted from now on in this process: for a run that will not write the
/// content-hash cache, the only reader of [`noted_inputs`] (on plane, ~13k probes of layer
/// resolution each inserted a path into the table, ~1 % of a whole check's CPU, and the table
/// held ~3 MB to the end). What is read and answered is the same.
pub(crate) fn stop_noting() {
    NOTING.store(false, std::sync::atomic::Ordering::Relaxed);
}

fn noting() -> bool {
    NOTING.load(std::sync::atomic::Ordering::Relaxed)
}

fn note(kind: Input, path: &Path, max_bytes: u64, found: u64) {
    if !noting() {
        return;
    }
    let Some(p) = path.to_str() else {
        // a path that does not round-trip through the cache's JSON cannot be compared later
        NOTES.lock().unwrap_or_else(|e| e.into_inner()).overflow = true;
        return;
    };
    let mut n = NOTES.lock().unwrap_or_else(|e| e.into_inner());
    if n.map.len() >= MAX_NOTED {
        n.overflow = true;
        return;
    }
    n.map.insert((kind, p.to_string(), max_bytes), found);
}

fn hash_bytes(tag: u8, bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(&tag).chain(bytes) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (bytes.len() as u64).rotate_left(32)
}

fn outcome_of(r: &io::Result<String>) -> u64 {
    match r {
        Ok(t) => hash_bytes(0, t.as_bytes()),
        Err(e) => hash_bytes(1, format!("{:?}", e.kind()).as_bytes()),
    }
}

/// Whether `path` is a regular file (symbolic links followed), noted as an input.
pub(crate) fn is_file(path: &Path) -> bool {
    let v = path.is_file();
    note(Input::Probe, path, 0, u64::from(v));
    v
}

/// [`is_file`] for many paths in few folders (a resolution trying `x.ts`, `x.tsx`, `x/index.ts`,
/// … for each import): each folder is listed once and its regular files answer the probes in
/// it, where a probe each costs a path lookup in the kernel. The answer is the one
/// [`is_file`] gives, and each probe is noted the same way; [`is_file`] itself answers whenever a
/// listing cannot be sure: a symbolic link, a name the file system may match in another case
/// or form (one differing only in ASCII case, or a name or entry that is not ASCII), a folder
/// that cannot be listed but may exist (permissions), paths without a parent or file name, and
/// on other systems than Unix (trailing dots and spaces, other matching rules).
#[derive(Default)]
pub(crate) struct FileProbe {
    /// Folder (as joined, its bytes) → its listing (None: no such folder).
    dirs: std::sync::RwLock<Listings>,
}

/// A folder's entries: each name and what it is (a regular file, a folder, or an entry
/// [`is_file`] must decide: symbolic links, other kinds), and the names with an ASCII capital
/// in lower case; `unsure` when a name is not ASCII or an entry could not be read.
#[derive(Default)]
struct Listing {
    names: HashMap<Box<[u8]>, Kind>,
    /// The lower case of each name with an ASCII capital (a name without one is its own).
    folded: std::collections::HashSet<Box<[u8]>, foldhash::fast::RandomState>,
    unsure: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
    Ask,
}

type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Folder → its listing (None: no such folder).
type Listings = HashMap<Box<[u8]>, Option<std::sync::Arc<Listing>>>;

/// What a listing says of one name.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    File,
    NotFile,
    Ask,
}

impl FileProbe {
    /// Whether `path` is a regular file (symbolic links followed), noted as [`is_file`] notes it.
    pub(crate) fn is_file(&self, path: &Path) -> bool {
        let v = match self.answer(path) {
            Answer::File => true,
            Answer::NotFile => false,
            Answer::Ask => path.is_file(),
        };
        note(Input::Probe, path, 0, u64::from(v));
        v
    }

    /// What [`FileProbe::is_file`] of `dir/name` answers, without building that path, when the
    /// listing of `dir` decides and no input is noted (a cache is not written); None when the
    /// path must be probed as [`FileProbe::is_file`] probes it (a name the listing cannot
    /// decide, a folder that cannot be listed, inputs being noted, a `dir` ending in `/` or
    /// empty, a `name` that is not one plain component).
    pub(crate) fn listed_file(&self, dir: &Path, name: &[u8]) -> Option<bool> {
        if noting() {
            return None;
        }
        self.listed_unnoted(dir, name)
    }

    /// [`FileProbe::listed_file`] whether or not inputs are noted.
    #[cfg(unix)]
    fn listed_unnoted(&self, dir: &Path, name: &[u8]) -> Option<bool> {
        use std::os::unix::ffi::OsStrExt;
        let raw = dir.as_os_str().as_bytes();
        if raw.is_empty()
            || raw.ends_with(b"/")
            || name.is_empty()
            || name == b"."
            || name == b".."
            || name.contains(&b'/')
        {
            return None;
        }
        match self.listing(dir) {
            Ok(l) => match l.answer(name) {
                Answer::File => Some(true),
                Answer::NotFile => Some(false),
                Answer::Ask => None,
            },
            Err(Answer::NotFile) => Some(false),
            Err(_) => None,
        }
    }

    #[cfg(not(unix))]
    fn listed_unnoted(&self, _dir: &Path, _name: &[u8]) -> Option<bool> {
        None
    }

    #[cfg(unix)]
    fn answer(&self, path: &Path) -> Answer {
        use std::os::unix::ffi::OsStrExt;
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return Answer::Ask;
        };
        // `a/b/` and `a/b/.` name the folder itself, whose parent `file_name` would not tell
        let raw = path.as_os_str().as_bytes();
        if dir.as_os_str().is_empty() || raw.ends_with(b"/") || raw.ends_with(b"/.") {
            return Answer::Ask;
        }
        let listing = match self.listing(dir) {
            Ok(l) => l,
            Err(a) => return a,
        };
        listing.answer(name.as_bytes())
    }

    #[cfg(not(unix))]
    fn answer(&self, _path: &Path) -> Answer {
        Answer::Ask
    }

    /// The listing of `dir`, or the answer for every name in it when there is none.
    #[cfg(unix)]
    fn listing(&self, dir: &Path) -> Result<std::sync::Arc<Listing>, Answer> {
        use std::os::unix::ffi::OsStrExt;
        let key = dir.as_os_str().as_bytes();
        let known = self.dirs.read().ok().and_then(|m| m.get(key).cloned());
        let found = match known {
            Some(l) => l,
            None => {
                let l = match std::fs::read_dir(dir) {
                    Ok(entries) => Some(std::sync::Arc::new(Listing::of(entries))),
                    // no such folder: no file in it either
                    Err(e)
                        if matches!(
                            e.kind(),
                            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                        ) =>
                    {
                        None
                    }
                    // a folder that cannot be listed may still be looked into
                    Err(_) => return Err(Answer::Ask),
                };
                if let Ok(mut m) = self.dirs.write() {
                    m.insert(key.into(), l.clone());
                }
                l
            }
        };
        found.ok_or(Answer::NotFile)
    }
}

impl Listing {
    #[cfg(unix)]
    fn of(entries: std::fs::ReadDir) -> Listing {
        use std::os::unix::ffi::OsStrExt;
        let mut l = Listing::default();
        for e in entries {
            let Ok(e) = e else {
                // an entry that could not be read: the listing is not whole
                l.unsure = true;
                continue;
            };
            let kind = match e.file_type() {
                Ok(t) if t.is_file() => Kind::File,
                Ok(t) if t.is_dir() => Kind::Dir,
                _ => Kind::Ask,
            };
            l.add(e.file_name().as_bytes(), kind);
        }
        l
    }

    fn add(&mut self, name: &[u8], kind: Kind) {
        self.unsure |= !name.is_ascii();
        if name.iter().any(u8::is_ascii_uppercase) {
            self.folded.insert(name.to_ascii_lowercase().into());
        }
        self.names.insert(name.into(), kind);
    }

    fn answer(&self, name: &[u8]) -> Answer {
        match self.names.get(name) {
            Some(Kind::File) => return Answer::File,
            Some(Kind::Ask) => return Answer::Ask,
            // an entry of this very name decides, whatever the file system's matching rules
            Some(Kind::Dir) => return Answer::NotFile,
            None => {}
        }
        // a case-insensitive file system finds `X.ts` for `x.ts` (and may fold or normalise
        // other letters than ASCII): an entry whose lower case is this name's
        if self.unsure || !name.is_ascii() {
            return Answer::Ask;
        }
        let lower = name.to_ascii_lowercase();
        if self.folded.contains(lower.as_slice()) || self.names.contains_key(lower.as_slice()) {
            return Answer::Ask;
        }
        Answer::NotFile
    }
}

/// Every input noted so far in this process, in a stable order; None when too many were (or
/// one could not be noted), so that they cannot all be compared.
pub(crate) fn noted_inputs() -> Option<Vec<NotedInput>> {
    let n = NOTES.lock().unwrap_or_else(|e| e.into_inner());
    // after `stop_noting` the inputs are not all known
    if n.overflow || !noting() {
        return None;
    }
    let mut all: Vec<_> = n.map.iter().collect();
    all.sort_unstable_by(|a, b| a.0.cmp(b.0));
    Some(
        all.into_iter()
            .map(|((kind, path, max_bytes), found)| NotedInput {
                kind: *kind,
                path: path.clone(),
                max_bytes: *max_bytes,
                found: *found,
            })
            .collect(),
    )
}

/// Whether looking at the input again finds the same (without noting it).
pub(crate) fn input_unchanged(i: &NotedInput) -> bool {
    let path = Path::new(&i.path);
    let now = match i.kind {
        Input::Read => outcome_of(&read_regular_string_unnoted(path, i.max_bytes)),
        Input::Probe => u64::from(path.is_file()),
    };
    now == i.found
}

#[cfg(test)]
mod noted_tests {
    use super::*;

    #[test]
    fn reads_and_probes_are_noted_and_compared() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("tokens.json");
        std::fs::write(&f, "{\"a\": 1}").unwrap();
        let g = d.path().join("b.ts");
        read_config_string(&f).unwrap();
        assert!(!is_file(&g));
        let noted = noted_inputs().unwrap();
        let mine: Vec<&NotedInput> = noted
            .iter()
            .filter(|n| n.path.starts_with(d.path().to_str().unwrap()))
            .collect();
        assert_eq!(mine.len(), 2);
        assert!(mine.iter().all(|n| input_unchanged(n)));
        std::fs::write(&f, "{\"a\": 2}").unwrap();
        std::fs::write(&g, "").unwrap();
        assert!(mine.iter().all(|n| !input_unchanged(n)));
    }
}

#[cfg(all(test, unix))]
mod probe_tests {
    use super::*;

    /// Every probe answered from a listing is the answer of a probe of its own, for the paths a
    /// resolution tries and their look-alikes: files, folders, links (to a file, to a folder,
    /// dangling), names in other cases, names that are not ASCII, folders that do not exist or
    /// are files, `..` and trailing slashes.
    #[test]
    fn a_listing_answers_as_a_probe_of_each_path() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("src/ui")).unwrap();
        std::fs::create_dir_all(root.join("src/only")).unwrap();
        for f in [
            "src/a.ts",
            "src/B.tsx",
            "src/ui/index.ts",
            "src/é.ts",
            "src/only/x.ts",
        ] {
            std::fs::write(root.join(f), "").unwrap();
        }
        std::os::unix::fs::symlink(root.join("src/a.ts"), root.join("src/link.ts")).unwrap();
        std::os::unix::fs::symlink(root.join("src/ui"), root.join("src/dirlink.ts")).unwrap();
        std::os::unix::fs::symlink(root.join("src/gone.ts"), root.join("src/dangling.ts")).unwrap();
        let probe = FileProbe::default();
        let paths = [
            "src/a.ts",
            "src/a.tsx",
            "src/A.ts",
            "src/b.tsx",
            "src/B.tsx",
            "src/ui",
            "src/ui/",
            "src/ui/.",
            "src/ui/index.ts",
            "src/ui/index.tsx",
            "src/ui.ts",
            "src/é.ts",
            "src/e.ts",
            "src/link.ts",
            "src/dirlink.ts",
            "src/dirlink.ts/index.ts",
            "src/dangling.ts",
            "src/missing/x.ts",
            "src/a.ts/index.ts",
            "src/ui/../a.ts",
            "src/ui/../only/x.ts",
            "src/only/x.ts",
            "src/only/../ui/index.ts",
            "src",
            "",
        ];
        // twice: the second round answers from the listings the first one made
        for _ in 0..2 {
            for p in paths {
                let p = root.join(p);
                assert_eq!(probe.is_file(&p), p.is_file(), "{}", p.display());
            }
        }
        // a name in a folder answers as the probe of the joined path, or asks for that probe
        let listed = FileProbe::default();
        for p in paths {
            let p = root.join(p);
            let (Some(dir), Some(name)) = (p.parent(), p.file_name()) else {
                continue;
            };
            if let Some(v) = listed.listed_unnoted(dir, name.as_encoded_bytes()) {
                assert_eq!(v, p.is_file(), "{}", p.display());
            }
        }
        assert_eq!(
            listed.listed_unnoted(&root.join("src"), b"a.ts"),
            Some(true)
        );
        assert_eq!(
            listed.listed_unnoted(&root.join("src/ui"), b"x.ts"),
            Some(false)
        );
        assert_eq!(
            listed.listed_unnoted(&root.join("src/missing"), b"x.ts"),
            Some(false)
        );
        assert_eq!(listed.listed_unnoted(&root.join("src"), b"link.ts"), None);
        assert_eq!(listed.listed_unnoted(&root.join("src"), b"A.ts"), None);
        assert_eq!(listed.listed_unnoted(&root.join("src/"), b"a.ts"), None);
        assert_eq!(
            listed.listed_unnoted(&root.join("src"), b"ui/index.ts"),
            None
        );
        assert_eq!(listed.listed_unnoted(&root.join("src/ui"), b".."), None);
        // the folders were listed, not probed path by path: a file added since to a folder of
        // ASCII names is not seen (as a memo of the path's own probe would not see it either);
        // in a folder with a name that is not ASCII (`src`) each name not listed is probed
        std::fs::write(root.join("src/only/later.ts"), "").unwrap();
        assert!(!probe.is_file(&root.join("src/only/later.ts")));
        std::fs::write(root.join("src/later.ts"), "").unwrap();
        assert!(probe.is_file(&root.join("src/later.ts")));
    }

    #[test]
    fn a_listing_is_sure_only_of_exact_ascii_names() {
        let mut l = Listing::default();
        l.add(b"a.ts", Kind::File);
        l.add(b"ui", Kind::Dir);
        l.add(b"link.ts", Kind::Ask);
        l.add(b"B.TS", Kind::File);
        assert_eq!(l.answer(b"B.TS"), Answer::File);
        assert_eq!(l.answer(b"b.ts"), Answer::Ask);
        assert_eq!(l.answer(b"B.ts"), Answer::Ask);
        assert_eq!(l.answer(b"c.ts"), Answer::NotFile);
        let mut l = Listing::default();
        l.add(b"a.ts", Kind::File);
        l.add(b"ui", Kind::Dir);
        l.add(b"link.ts", Kind::Ask);
        l.add(b"A.TS", Kind::Dir);
        assert_eq!(l.answer(b"a.ts"), Answer::File);
        assert_eq!(l.answer(b"ui"), Answer::NotFile);
        assert_eq!(l.answer(b"b.ts"), Answer::NotFile);
        assert_eq!(l.answer(b"link.ts"), Answer::Ask);
        // another case of an entry: a case-insensitive file system may find it
        assert_eq!(l.answer(b"A.ts"), Answer::Ask);
        assert_eq!(l.answer(b"UI"), Answer::Ask);
        // not ASCII: folded or normalised by some file systems
        assert_eq!(l.answer("é.ts".as_bytes()), Answer::Ask);
        l.unsure = true;
        assert_eq!(l.answer(b"b.ts"), Answer::Ask);
        assert_eq!(l.answer(b"a.ts"), Answer::File);
    }
}
