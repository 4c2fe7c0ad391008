"""Abstention's word tables (index/word_tables.py): counted at build, saved with the index, read at load."""

from __future__ import annotations

import json
import shutil

import pytest

from index.word_tables import (
    WORD_TABLES_FILE,
    WORD_TABLES_VERSION,
    build_word_tables,
    word_indexes,
)
from retriever.qa.abstention import CorpusNames
from retriever.qa.salience import TermIndex
from retriever.qa.topics import TopicIndex

DOCUMENTS = {
    "a": "Kế hoạch phòng, chống bệnh sốt xuất huyết năm 2025 của Sở Y tế Quảng Ngãi.\nTỷ lệ bao phủ BHYT đạt 95%.",
    "b": "Chương trình tiêm chủng mở rộng: trẻ em được tiêm vắc xin\nsởi – rubella; phòng chống\nsốt rét.",
}
WORDS = ("tiêm chủng", "vắc xin", "bao phủ", "sốt xuất huyết", "sốt rét", "trẻ em")


def test_each_table_reads_back_what_was_counted():
    names = CorpusNames.from_texts(DOCUMENTS.values())
    assert CorpusNames.from_table(json.loads(json.dumps(names.to_table()))) == names
    assert "quảng ngãi" in names.accented_pairs and "quang ngai" in names.plain_pairs

    topics = TopicIndex(DOCUMENTS)
    read = TopicIndex.from_table(json.loads(json.dumps(topics.to_table())))
    assert read.accented == topics.accented and read.plain == topics.plain
    question = "Sở Y tế phòng chống sốt rét thế nào?"
    assert read.missing(question, ["a"]) == topics.missing(question, ["a"]) == ("sốt rét",)

    terms = TermIndex(DOCUMENTS, WORDS)
    read = TermIndex.from_table(json.loads(json.dumps(terms.to_table())), WORDS)
    assert read.accented_df == terms.accented_df and read.plain_df == terms.plain_df
    assert read.documents == terms.documents == 2
    assert read.accented_df["tiêm chủng"] == 1 and read.plain_df["sot"] == 2
    question = "Tỷ lệ tiêm chủng vắc xin cho trẻ em là bao nhiêu?"
    assert read.coverage(question, [DOCUMENTS["b"]]) == terms.coverage(question, [DOCUMENTS["b"]])


def test_a_table_counted_against_another_list_or_version_is_not_read():
    assert TopicIndex.from_table(TopicIndex(DOCUMENTS, ("sốt rét",)).to_table(), ("sốt rét", "thủy đậu")) is None
    assert TermIndex.from_table(TermIndex(DOCUMENTS, WORDS).to_table(), WORDS[:-1]) is None
    old = {**CorpusNames.from_texts(DOCUMENTS.values()).to_table(), "version": -1}
    assert CorpusNames.from_table(old) is None
    assert CorpusNames.from_table(None) is None and TopicIndex.from_table(None) is None


def test_the_build_saves_the_tables_and_the_answerer_reads_them(bundled_index):
    from index.store import IndexStore, current_version

    store = IndexStore.load(bundled_index)
    assert store.manifest["word_tables_version"] == WORD_TABLES_VERSION
    assert (current_version(bundled_index) / WORD_TABLES_FILE).is_file()
    texts = {doc_id: d.text for doc_id, d in store.documents.items()}
    assert store.word_tables == json.loads(json.dumps(build_word_tables(texts)))  # what a count now gives
    names, topics, terms = word_indexes(store)
    counted = TermIndex(texts)
    assert names == CorpusNames.from_texts(texts.values())
    assert topics.accented == TopicIndex(texts).accented
    assert terms.accented_df == counted.accented_df and terms.plain_df == counted.plain_df


def test_an_index_without_the_file_still_loads_and_counts_at_load(bundled_index, tmp_path):
    from index.store import IndexStore, current_version

    copy = tmp_path / "old-index"
    shutil.copytree(bundled_index, copy)
    version = current_version(copy)
    (version / WORD_TABLES_FILE).unlink()
    manifest = json.loads((version / "manifest.json").read_text("utf-8"))
    del manifest["word_tables_version"]
    (version / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    store = IndexStore.load(copy)
    assert store.word_tables is None
    names, topics, terms = word_indexes(store)
    texts = {doc_id: d.text for doc_id, d in store.documents.items()}
    assert names == CorpusNames.from_texts(texts.values()) and terms.documents == len(texts)
    assert topics.accented == TopicIndex(texts).accented


@pytest.mark.parametrize("change", ["documents", "version"])
def test_tables_of_other_documents_or_of_another_file_version_are_not_read(bundled_index, tmp_path, change):
    from index.store import IndexStore, current_version

    copy = tmp_path / "index"
    shutil.copytree(bundled_index, copy)
    version = current_version(copy)
    if change == "documents":
        path = version / WORD_TABLES_FILE
        tables = json.loads(path.read_text("utf-8"))
        tables["documents"] = tables["documents"][:-1]
        path.write_text(json.dumps(tables), "utf-8")
    else:
        manifest = json.loads((version / "manifest.json").read_text("utf-8"))
        manifest["word_tables_version"] = WORD_TABLES_VERSION + 1
        (version / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert IndexStore.load(copy).word_tables is None


def test_the_tables_follow_add_and_remove(tmp_path):
    from conftest import BUNDLED_CORPUS

    from index.builder import add_documents, build_index, remove_documents
    from index.store import IndexStore

    corpus = tmp_path / "docs"
    corpus.mkdir()
    for name in ("003_8ae1782fa38d7235.txt", "004_768688dd1bbbcb02.txt"):
        shutil.copy(BUNDLED_CORPUS / name, corpus / name)
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir)
    assert len(IndexStore.load(index_dir).word_tables["documents"]) == 2
    extra = tmp_path / "extra.txt"
    extra.write_text("ỦY BAN NHÂN DÂN HUYỆN MINH LONG\nSố: 77/UBND-VX\nV/v tăng cường tiêm chủng mở rộng\n"
                     "1. Trung tâm Y tế huyện tổ chức tiêm vắc xin thủy đậu tại 12 xã.\n", encoding="utf-8")
    add_documents([extra], index_dir)
    store = IndexStore.load(index_dir)
    assert len(store.word_tables["documents"]) == 3
    assert "minh long" in CorpusNames.from_table(store.word_tables["names"]).accented_pairs
    remove_documents(["004_768688dd1bbbcb02.txt", "extra.txt"], index_dir)
    store = IndexStore.load(index_dir)
    texts = {doc_id: d.text for doc_id, d in store.documents.items()}
    assert store.word_tables["documents"] == sorted(texts) and len(texts) == 1
    assert "minh long" not in CorpusNames.from_table(store.word_tables["names"]).accented_pairs
    assert TermIndex.from_table(store.word_tables["terms"]).accented_df == TermIndex(texts).accented_df
