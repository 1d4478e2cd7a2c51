//! The files of the operator's mounts, by SHA-256.

use sha2::{Digest, Sha256};
use std::{collections::BTreeMap, fs, path::Path};
use tracing::{debug, warn};

/// SHA-256 (hex) of every file under `root/<volume>/`, keyed by path. A volume the kubelet fills
/// from a ConfigMap or Secret holds `..data` and timestamped folders beside symlinks to them: only
/// the visible names are read, so each file counts once.
pub fn digests(root: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let Ok(volumes) = fs::read_dir(root) else {
        return found;
    };
    for volume in volumes.flatten() {
        walk(&volume.path(), &mut found);
    }
    found
}

fn walk(dir: &Path, found: &mut BTreeMap<String, String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with("..") {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found);
            continue;
        }
        match fs::read(&path) {
            Ok(bytes) => {
                debug!(path = %path.display(), bytes = bytes.len(), "loaded");
                found.insert(path.display().to_string(), hex(&Sha256::digest(&bytes)));
            }
            Err(e) => warn!(path = %path.display(), "cannot read: {e}"),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubelet_bookkeeping_entries_are_skipped_and_each_file_counts_once() {
        let root = std::env::temp_dir().join(format!("hello-files-{}", std::process::id()));
        let volume = root.join("orders-config");
        fs::create_dir_all(volume.join("..2026_11_22")).unwrap();
        fs::write(volume.join("..2026_11_22/orders.toml"), b"pool = 8\n").unwrap();
        std::os::unix::fs::symlink("..2026_11_22", volume.join("..data")).unwrap();
        std::os::unix::fs::symlink("..data/orders.toml", volume.join("orders.toml")).unwrap();

        let found = digests(root.to_str().unwrap());

        fs::remove_dir_all(&root).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[&volume.join("orders.toml").display().to_string()], hex(&Sha256::digest(b"pool = 8\n")));
    }
}
