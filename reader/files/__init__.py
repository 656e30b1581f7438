"""File helpers used everywhere.

* :mod:`reader.files.atomic`: atomic writes with one backup, cleanup of
  temporary files left by killed saves, disk-full messages;
* :mod:`reader.files.locking`: exclusive locks on lock files (``filelock``);
* :mod:`reader.files.yaml`: safe YAML loading, with errors and problems
  that name the file and line;
* :mod:`reader.files.text`: untrusted text made safe for a terminal, and
  decoding of files the user writes.
"""
