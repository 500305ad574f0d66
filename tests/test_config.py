"""Config is the only door for settings: file, environment and flags meet in load_config."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.config import Config, load_config
from newsgraph.errors import NewsgraphError
from newsgraph.extract.actors.dictionary import dictionary
from newsgraph.nlp.pipeline import component_settings

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE_KEYS = ("actors", "event_lexicon", "furniture", "outlets")


@pytest.mark.parametrize("key", DATA_FILE_KEYS)
def test_data_file_settings_come_from_file_or_environment_and_change_the_hash(
    key, tmp_path, monkeypatch
):
    cfg = tmp_path / "newsgraph.toml"
    cfg.write_text(f'{key} = "from-file.yaml"\n')
    assert getattr(load_config(cfg), key) == "from-file.yaml"
    monkeypatch.setenv(f"NEWSGRAPH_{key.upper()}", "from-env.yaml")
    loaded = load_config(cfg)
    assert getattr(loaded, key) == "from-env.yaml"
    assert loaded.hash() != Config().hash()  # provenance tells the outputs apart


def test_the_cache_folder_changes_no_record_so_not_the_hash(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CACHE", "/somewhere/else")
    loaded = load_config()
    assert loaded.cache == "/somewhere/else" and loaded.hash() == Config().hash()


def test_components_take_their_settings_from_the_config():
    config = Config(actors="a.yaml", event_lexicon="e.yaml", cache="/c", cue_model="none")
    assert component_settings("newsgraph_actors_v1", config) == {
        "dictionaries": "a.yaml",
        "cache": "/c",  # the gazetteer, for places opening organisation names
        "country_prior": "dominant",
    }
    assert component_settings("newsgraph_events_v1", config) == {"lexicons": "e.yaml"}
    assert component_settings("newsgraph_places_v1", config) == {"cache": "/c"}
    assert component_settings("newsgraph_attributions_v1", config) == {"cue_model": "none"}


def test_an_unreadable_data_file_names_its_setting(tmp_path):
    with pytest.raises(NewsgraphError, match="Config actors: cannot read"):
        dictionary(str(tmp_path / "missing.yaml"))


def test_only_load_config_reads_the_environment():
    """Settings read elsewhere would bypass the TOML file and the config hash."""
    allowed = {ROOT / "newsgraph/config.py", ROOT / "newsgraph/spark/job.py"}  # Spark's own
    readers = [
        path.relative_to(ROOT)
        for path in sorted((ROOT / "newsgraph").rglob("*.py"))
        if path not in allowed
        and re.search(r"os\.environ|getenv\(", path.read_text(encoding="utf-8"))
    ]
    assert readers == []
