"""Abbreviations spelled out at their first use, from the directory's names (issue 16)."""

from __future__ import annotations

from app.documents.abbreviations import Abbreviations
from tests.support import pdftools


def test_first_use_is_spelled_out_and_later_ones_are_not():
    words = Abbreviations([("Kepolisian Resor Lubuklinggau", "Polres Lubuklinggau")])
    assert words.spell_out("Polres Lubuklinggau melapor.") == (
        "Kepolisian Resor Lubuklinggau (Polres Lubuklinggau) melapor."
    )
    # the agency's short name taught "Polres": a later "Polres Musi Rawas" stays short
    assert words.spell_out("Polres Lubuklinggau dan Polres Musi Rawas.") == (
        "Polres Lubuklinggau dan Polres Musi Rawas."
    )
    assert words.spell_out("TKA ilegal; TKA lain.") == "Tenaga kerja asing (TKA) ilegal; TKA lain."
    assert words.spell_out("pendataan WNA") == "pendataan warga negara asing (WNA)"


def test_a_text_that_defines_it_already_is_left_alone_and_counts():
    words = Abbreviations()
    text = "Rapat Tim Pengawasan Orang Asing (TIMPORA) Kota Lubuklinggau"
    assert words.spell_out(text) == text
    assert words.spell_out("Ketua Tim PORA membuka rapat.") == "Ketua Tim PORA membuka rapat."


def test_no_match_inside_words_addresses_or_other_abbreviations():
    words = Abbreviations()
    text = "Binda dan kanim.muaraenim@imigrasi.go.id serta BINTARA"
    assert (
        words.spell_out(text)
        == "Badan Intelijen Negara Daerah (Binda) dan kanim.muaraenim@imigrasi.go.id serta BINTARA"
    )


def test_the_demo_minutes_spell_out_their_abbreviations_once(demo_pdf):
    text = pdftools.flat(pdftools.text(demo_pdf[0]))
    for spelled in (
        "Ketua Tim Pengawasan Orang Asing (Tim PORA)",
        "tenaga kerja asing (TKA)",
        "Kantor Wilayah Direktorat Jenderal Imigrasi Sumatera Selatan (Kanwil Ditjen Imigrasi Sumsel)",
        "Kepolisian Resor Lubuklinggau (Polres Lubuklinggau)",
        "Badan Kesatuan Bangsa dan Politik (Kesbangpol)",
        "warga negara asing (WNA)",
    ):
        assert text.count(spelled) == 1, spelled
    # the title is the meeting's name, never rewritten
    assert "Persiapan Pilkada 2024" in text
