//! The output folder: one batch at a time ([`Lock`]), and a dataset that appears whole or not
//! at all ([`Staging`]).
//!
//! A run writes its files into a staging folder beside OUTDIR (same parent, so the same file
//! system), named after OUTDIR and the process. When every file is complete, the staging
//! folder and OUTDIR trade places in one atomic rename (Linux `renameat2` with
//! `RENAME_EXCHANGE`), and the previous dataset, now in the staging folder's place, is
//! removed. A reader of OUTDIR sees the old dataset or the new one, never a mix, and a crash
//! at any moment leaves one of the two whole. Where that cannot be done — OUTDIR holds files
//! xxgk did not write (they must stay where they are), its parent is not writable, or the
//! system has no such rename — the staging folder is made inside OUTDIR and the files are
//! moved one by one (eight renames within one folder, microseconds apart).
//!
//! A run that fails or is interrupted removes its staging folder (a killed one leaves it for
//! the next run on the same OUTDIR to remove), so the previous dataset stays as it was.

use crate::BatchError;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The lock file inside OUTDIR, holding the process id of the batch writing there.
pub(crate) const LOCK: &str = ".xxgk.lock";
/// The staging folder's name when it has to live inside OUTDIR.
const INSIDE: &str = ".xxgk-staging";

/// True for a staging folder of any run (`.NAME.xxgk-staging-PID` beside an OUTDIR, or
/// `.xxgk-staging` inside one).
pub(crate) fn is_staging(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n == INSIDE || (n.starts_with('.') && n.contains(".xxgk-staging-")))
}

/// Refuses an OUTDIR that is an input folder or holds one: the dataset written there would
/// be read as input next time, and switching it in could replace the inputs.
pub(crate) fn check_outdir(outdir: &Path, inputs: &[PathBuf]) -> Result<(), BatchError> {
    let Ok(out) = outdir.canonicalize() else {
        return Ok(()); // not there yet: it holds nothing
    };
    for input in inputs {
        if input.canonicalize().is_ok_and(|i| i.starts_with(&out)) {
            return Err(BatchError::OutdirHoldsInput {
                path: outdir.to_path_buf(),
                input: input.clone(),
            });
        }
    }
    Ok(())
}

fn err(path: &Path, e: impl std::fmt::Display) -> BatchError {
    BatchError::Output {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// A batch's hold on its output folder: `OUTDIR/.xxgk.lock` holds the process id; a lock whose
/// process is gone is taken over. Released when dropped, on every exit path.
pub(crate) struct Lock {
    path: PathBuf,
}

impl Lock {
    /// Takes the lock, creating OUTDIR; fails when another live batch holds it.
    pub(crate) fn take(dir: &Path) -> Result<Lock, BatchError> {
        std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
        let path = dir.join(LOCK);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    write!(f, "{}", std::process::id()).map_err(|e| err(&path, e))?;
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(&path).unwrap_or_default();
                    let alive = pid
                        .trim()
                        .parse::<u32>()
                        .is_ok_and(|p| p == std::process::id() || running_xxgk(p));
                    if alive || !Path::new("/proc/self").exists() {
                        return Err(BatchError::Busy {
                            path: dir.to_path_buf(),
                            pid: pid.trim().to_string(),
                        });
                    }
                    // The process that held it is gone (killed): take it over.
                    let _ = std::fs::remove_file(&path);
                }
                Err(e) => return Err(err(&path, e)),
            }
        }
        Err(err(&path, "the lock file keeps reappearing"))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // After the switch this path may be the next run's lock: remove only our own.
        let ours = std::fs::read_to_string(&self.path)
            .is_ok_and(|pid| pid.trim() == std::process::id().to_string());
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A lock holder that is still at work: a running process of this program, by its command
/// name (`/proc/PID/stat`, readable for any process; a PID reused after a crash by another
/// program, such as 1, holds nothing).
fn running_xxgk(pid: u32) -> bool {
    let comm = |p: &str| {
        let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
        let open = stat.find('(')?;
        let close = stat.rfind(')')?;
        stat.get(open + 1..close).map(str::to_string)
    };
    running(pid) && comm("self") == comm(&pid.to_string())
}

/// A process that is running (Linux `/proc`: present, and not a zombie waiting to be reaped).
fn running(pid: u32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next());
    matches!(state, Some(s) if s != 'Z' && s != 'X')
}

/// Where a run writes its files until it completes; removed with what it holds when the run
/// does not finish.
#[derive(Debug)]
pub(crate) struct Staging {
    dir: PathBuf,
    /// OUTDIR, and whether the staging folder is beside it (else inside it).
    outdir: PathBuf,
    beside: bool,
    done: bool,
}

impl Staging {
    /// Makes a fresh staging folder for OUTDIR (created if need be; the caller holds its lock),
    /// removing what earlier runs that were killed left behind.
    pub(crate) fn create(outdir: &Path) -> Result<Staging, BatchError> {
        std::fs::create_dir_all(outdir).map_err(|e| err(outdir, e))?;
        let outdir = std::fs::canonicalize(outdir).map_err(|e| err(outdir, e))?;
        let _ = std::fs::remove_dir_all(outdir.join(INSIDE));
        let beside = match (outdir.parent(), outdir.file_name()) {
            (Some(parent), Some(name)) => {
                let prefix = format!(".{}.xxgk-staging-", name.to_string_lossy());
                // The lock is ours, so every staging folder of this OUTDIR is a dead run's.
                for old in std::fs::read_dir(parent).into_iter().flatten().flatten() {
                    if old.file_name().to_string_lossy().starts_with(&prefix) {
                        let _ = std::fs::remove_dir_all(old.path());
                    }
                }
                let dir = parent.join(format!("{prefix}{}", std::process::id()));
                std::fs::create_dir(&dir).ok().map(|()| dir)
            }
            _ => None,
        };
        let (dir, beside) = match beside {
            Some(dir) => (dir, true),
            None => {
                let dir = outdir.join(INSIDE);
                std::fs::create_dir_all(&dir).map_err(|e| err(&dir, e))?;
                (dir, false)
            }
        };
        Ok(Staging {
            dir,
            outdir,
            beside,
            done: false,
        })
    }

    /// Where the output `name` is written until the switch.
    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Puts the finished `files` in OUTDIR: one exchange of the two folders when OUTDIR holds
    /// only what xxgk writes there, else a rename per file.
    pub(crate) fn switch(mut self, files: &[&str], own: &[&str]) -> Result<(), BatchError> {
        if self.beside && only(&self.outdir, files, own) && exchange(&self.dir, &self.outdir) {
            // The staging path now holds the previous dataset (and the lock and journal).
            let _ = std::fs::remove_dir_all(&self.dir);
        } else {
            for name in files {
                let (from, to) = (self.file(name), self.outdir.join(name));
                std::fs::rename(&from, &to).map_err(|e| err(&to, e))?;
            }
            let _ = std::fs::remove_dir(&self.dir);
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// True when `dir` holds nothing but `files` and xxgk's `own` bookkeeping.
fn only(dir: &Path, files: &[&str], own: &[&str]) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().all(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        files.contains(&name.as_ref()) || own.contains(&name.as_ref()) || name == INSIDE
    })
}

/// Swaps two folders in one atomic rename; false where the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder holding OUTDIR `out` (locked, with `file` written in it) and nothing
    /// else; the lock is returned to be held.
    fn outdir(name: &str, file: (&str, &str)) -> (PathBuf, PathBuf, Option<Lock>) {
        let root = std::env::temp_dir().join(format!("xxgk-folder-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("out");
        let lock = Lock::take(&out).ok();
        std::fs::write(out.join(file.0), file.1).unwrap_or_default();
        (root, out, lock)
    }

    fn read(p: &Path) -> Option<String> {
        std::fs::read_to_string(p).ok()
    }

    /// Entries of a folder.
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |d| d.count())
    }

    #[test]
    fn a_folder_of_its_own_is_switched_whole() {
        let (root, out, _lock) = outdir("own", ("a.csv", "old"));
        let staging = Staging::create(&out);
        let Ok(staging) = staging else {
            panic!("staging: {staging:?}");
        };
        assert!(staging.beside, "the staging folder is beside OUTDIR");
        std::fs::write(staging.file("a.csv"), "new").unwrap_or_default();
        let inode = |p: &Path| {
            use std::os::unix::fs::MetadataExt as _;
            std::fs::metadata(p).map(|m| m.ino()).unwrap_or(0)
        };
        let before = inode(&out);
        assert!(staging.switch(&["a.csv"], &[LOCK]).is_ok());
        assert_eq!(read(&out.join("a.csv")), Some("new".into()));
        #[cfg(target_os = "linux")]
        assert_ne!(inode(&out), before, "OUTDIR was replaced by one rename");
        assert_eq!(count(&root), 1, "nothing is left beside it");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_folder_with_the_users_files_keeps_them() {
        let (root, out, _lock) = outdir("shared", ("notes.txt", "mine"));
        let Ok(staging) = Staging::create(&out) else {
            panic!("staging");
        };
        std::fs::write(staging.file("a.csv"), "new").unwrap_or_default();
        assert!(staging.switch(&["a.csv"], &[LOCK]).is_ok());
        assert_eq!(read(&out.join("notes.txt")), Some("mine".into()));
        assert_eq!(read(&out.join("a.csv")), Some("new".into()));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn an_unfinished_run_leaves_nothing() {
        let (root, out, _lock) = outdir("failed", ("a.csv", "old"));
        if let Ok(staging) = Staging::create(&out) {
            std::fs::write(staging.file("a.csv"), "half").unwrap_or_default();
        }
        assert_eq!(read(&out.join("a.csv")), Some("old".into()));
        assert_eq!(count(&root), 1);
        let _ = std::fs::remove_dir_all(&root);
    }
}
