"""Word 97–2003 files read by their piece table and paragraph properties (graph.ingest.word97).

The fixtures in tests/data are real plan text saved as .doc by LibreOffice (MS Word 97 filter):
seed000.doc is the Jiashan seed (a notice, then a task table), b03_merged_lead.doc the
新建区 project table whose 牵头单位 cells are merged over the rows of each group.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.word97 import Word97Error, read_doc

DATA = Path(__file__).parent / "data"


def tables(blocks):
    return [b for b in blocks if not isinstance(b, str)]


def test_paragraphs_and_a_task_table_in_reading_order():
    blocks = read_doc((DATA / "seed000.doc").read_bytes())
    paragraphs = [b for b in blocks if isinstance(b, str)]
    assert "各镇、开发区(街道)党委、人民政府(办事处),专班各成员单位:" in paragraphs
    (table,) = tables(blocks)
    assert [c.text for c in table[0]] == ["序号", "任务名称", "2024年主要举措", "牵头单位", "协同单位"]
    assert [c.text for c in table[1]][:2] == ["1", "产业平台能级提升"]
    assert table[1][3].text == "县发改局"
    # the notice comes before the table, the table's rows keep their order
    assert blocks.index(table) > blocks.index(paragraphs[2])
    assert [r[0].text for r in table[1:6]] == ["1", "2", "3", "4", "5"]


def test_a_cell_merged_over_rows_is_flagged_as_continuing():
    (table,) = tables(read_doc((DATA / "b03_merged_lead.doc").read_bytes()))
    rows = {r[1].text: r for r in table if len(r) > 2}
    assert rows["文化中心北路"][3].text == "区住建局" and not rows["文化中心北路"][3].merged_above
    assert rows["乐业路"][3].merged_above and rows["乐业路"][3].text == ""
    assert rows["乐业路"][4].text == "区城管局" and not rows["乐业路"][4].merged_above
    assert [r[0].text for r in table if len(r) == 1][:2] == ["一 区住建局", "(一)“打通断头路 畅通微循环”攻坚专项行动(6条路)"]


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 not ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100])
def test_files_that_are_not_word_97_are_refused_with_a_reason(data):
    with pytest.raises(Word97Error):
        read_doc(data)


def test_a_doc_file_builds_like_its_word_file(tmp_path):
    """The merged 牵头单位 cell of the .doc gives its lead to every row it spans; a .wps saved in the
    Word 97 format is read the same way."""
    from graph.ingest import read_document
    from graph.structure import parse_plan

    for name in ("b03.doc", "b03.wps"):
        path = tmp_path / name
        path.write_bytes((DATA / "b03_merged_lead.doc").read_bytes())
        plan = parse_plan(read_document(path))
        rows = {t.title: [(m.name, m.role) for m in t.units] for t in plan.tasks}
        assert rows["文化中心北路"] == [("区住建局", "lead"), ("区城投", "cooperating")]
        assert rows["乐业路"] == [("区住建局", "lead"), ("区城管局", "cooperating")]
        assert {t.table for t in plan.tasks} == {"doc"}


def test_a_word_file_that_is_not_word_97_says_what_it_is(tmp_path):
    import docx

    from graph.ingest import IngestError, read_document

    document = docx.Document()
    document.add_paragraph("1.推进5G网络建设。(牵头单位:市工信局)")
    misnamed = tmp_path / "plan.doc"
    document.save(str(misnamed))
    with pytest.raises(IngestError, match="rename it to .docx"):
        read_document(misnamed)
    broken = tmp_path / "broken.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(IngestError, match="Word 97"):
        read_document(broken)
