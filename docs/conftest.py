"""The manual's build configuration is read by Sphinx, not collected as tests."""

collect_ignore = ["conf.py", "_ext"]
