"""The console's category filter comes from the policy in force: an organisation category
appears in the filters and counts, with the name its policy gives it."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from agent.config import load_config
from agent.review.app import create_app
from agent.store import Store
from detectors.model import CategoryScore, Decision, Evidence, Verdict

TOKEN = "categories-token-0123456789"
ORG = """\
lexicon:
  org_project:
    phrases: [天网工程]
categories:
  org_secret_project:
    name: 重点工程资料
    name_en: Key project material
    threshold: 0.5
    signals:
      org_project: {weight: 0.8}
"""


def test_an_organisation_category_shows_in_the_filters(tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(ORG, encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'data_dir = "{tmp_path / "data"}"\npolicy = ["{org}"]\n', encoding="utf-8")
    config = load_config(cfg)
    ev = Evidence("lexicon", "org_project", "天网工程", "p1", 0.8)
    with Store.open(config) as store:
        store.append_verdict(
            Verdict(
                path="/d/方案.docx",
                decision=Decision.FLAGGED,
                categories=(CategoryScore("org_secret_project", 0.8, 0.5, (ev,)),),
            ),
            action="alert",
        )
    app = create_app(config, token=TOKEN, allowed_hosts=("testserver",))
    with TestClient(app) as client:
        assert client.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 303
        page = client.get("/").text
        assert '<option value="org_secret_project"' in page
        assert "重点工程资料" in page and "category.org_secret_project" not in page
        assert '<option value="control_order"' in page, "the built-in ones are still there"
        filtered = client.get("/?category=org_secret_project").text
        assert "方案.docx" in filtered
        assert "Key project material" in client.get("/?lang=en").text
