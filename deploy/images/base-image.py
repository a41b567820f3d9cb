#!/usr/bin/env python3
"""Packs a root filesystem into a single-layer image archive in `docker save` format, which Jib reads as a base image
(quarkus.jib.base-jvm-image=tar://...). Usage: base-image.py ROOTFS OUT.tar NAME:TAG [ENV=VALUE ...]"""
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile


def main():
    rootfs, out, tag, *env = sys.argv[1:]
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(out))) as work:
        layer = os.path.join(work, "layer.tar")
        with tarfile.open(layer, "w", format=tarfile.PAX_FORMAT) as tar:
            for entry in sorted(os.listdir(rootfs)):
                tar.add(os.path.join(rootfs, entry), arcname=entry, recursive=True)
        digest = hashlib.sha256()
        with open(layer, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        config = {
            "architecture": "amd64",
            "os": "linux",
            "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", *env]},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + digest.hexdigest()]},
        }
        config_bytes = json.dumps(config).encode()
        config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
        manifest = json.dumps([{"Config": config_name, "RepoTags": [tag], "Layers": ["layer.tar"]}]).encode()
        with tarfile.open(out, "w") as image:
            image.add(layer, arcname="layer.tar")
            for name, data in ((config_name, config_bytes), ("manifest.json", manifest)):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                image.addfile(info, io.BytesIO(data))


if __name__ == "__main__":
    main()
