"""The whole briefing of a story (``build``) and the line ``newsfuse compare`` writes for it."""

from newsfuse.compare.brief.build import brief_prepared, build_brief, check_settings, compare_record

__all__ = ["brief_prepared", "build_brief", "check_settings", "compare_record"]
