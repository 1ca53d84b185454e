"""datatrove steps never write a document without its text: a document that cleaning would empty
is dropped, or kept unchanged with keep_emptied; the stripper leaves article text that repeats."""

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402

from qa.integrations.datatrove import TadqiqCleaner  # noqa: E402

ONLY_FURNITURE = "اترك تعليقاً\nمقالات ذات صلة\nزر الذهاب إلى الأعلى\n"
ARTICLE = "عنوان الخبر: الوزير يناقش الموازنة\nناقش الوزير خطة الموازنة في العاصمة صباح الأحد.\nاترك تعليقاً\n"


def _docs():
    return iter([Document(text=ONLY_FURNITURE, id="empty"), Document(text=ARTICLE, id="article")])


def test_cleaner_drops_emptied_documents_by_default():
    out = list(TadqiqCleaner().run(_docs()))
    assert [d.id for d in out] == ["article"]
    assert out[0].text.strip()


def test_cleaner_keeps_emptied_documents_unchanged_when_asked():
    out = {d.id: d for d in TadqiqCleaner(keep_emptied=True).run(_docs())}
    assert out["empty"].text == ONLY_FURNITURE and out["empty"].metadata["tadqiq_emptied"] is True
    assert all(d.text.strip() for d in out.values())


def test_stripper_keeps_repeated_article_text(tmp_path):
    import numpy as np

    from qa.integrations.datatrove import BOILERPLATE_SUFFIX, BoilerplateStripper, line_hashes

    wire = ("وقال المتحدث باسم الوزارة في بيان إن الوفدين سيلتقيان مجددا الأسبوع المقبل لاستكمال المحادثات "
            "حول الملفات العالقة كلها، وإن جدول الأعمال يشمل ملفات الطاقة والمياه والنقل.")
    footer = "جميع الحقوق محفوظة لموقع الأخبار والتحليلات"
    text = f"جولة جديدة من المحادثات\n{wire}\n{footer}\n"
    hashes = np.array(sorted(h for _, h in line_hashes(text, 3)), dtype="<u8")  # every line "seen everywhere"
    (tmp_path / f"0000{BOILERPLATE_SUFFIX}").write_bytes(hashes.tobytes())
    [doc] = list(BoilerplateStripper(str(tmp_path)).run(iter([Document(text=text, id="a")])))
    assert wire in doc.text and footer not in doc.text
    only_site = f"{footer}\nتابعونا على منصات التواصل الاجتماعي كلها\n"
    hashes = np.array(sorted(h for _, h in line_hashes(only_site, 3)), dtype="<u8")
    (tmp_path / f"0000{BOILERPLATE_SUFFIX}").write_bytes(hashes.tobytes())
    assert list(BoilerplateStripper(str(tmp_path)).run(iter([Document(text=only_site, id="b")]))) == []
    [kept] = list(BoilerplateStripper(str(tmp_path), keep_emptied=True).run(iter([Document(text=only_site, id="b")])))
    assert kept.text == only_site and kept.metadata["tadqiq_emptied"]
