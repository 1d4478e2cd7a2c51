"""Unpacks the file system of an image tarball written by Jib (OCI layout or docker save format).

    python3 unpack-image.py IMAGE.tar DIRECTORY

Layers are applied in order; whiteouts (.wh.) remove what earlier layers wrote. Modes and times
are kept: an AppCDS archive checks the times and sizes of the jars it covers.
"""
import json
import os
import shutil
import sys
import tarfile


def layers(image):
    names = image.getnames()
    if "manifest.json" in names:
        return json.load(image.extractfile("manifest.json"))[0]["Layers"]
    index = json.load(image.extractfile("index.json"))
    digest = index["manifests"][0]["digest"].split(":")[1]
    manifest = json.load(image.extractfile("blobs/sha256/" + digest))
    return ["blobs/sha256/" + layer["digest"].split(":")[1] for layer in manifest["layers"]]


def apply(layer, root):
    with tarfile.open(fileobj=layer, mode="r:*") as tar:
        members = []
        for member in tar.getmembers():
            head, tail = os.path.split(member.name)
            if tail.startswith(".wh."):
                gone = os.path.join(root, head, tail[len(".wh."):])
                if os.path.isdir(gone) and not os.path.islink(gone):
                    shutil.rmtree(gone)
                elif os.path.lexists(gone):
                    os.remove(gone)
            else:
                members.append(member)
        tar.extractall(root, members=members, numeric_owner=True)


def main(path, root):
    os.makedirs(root, exist_ok=True)
    with tarfile.open(path) as image:
        for name in layers(image):
            apply(image.extractfile(name), root)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
