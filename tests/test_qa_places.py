"""A local document answers for its own place only (``retriever.qa.places``): the rule abstention reads as
``foreign_place``."""

from __future__ import annotations

from retriever.qa.abstention import Signals, abstention_reasons
from retriever.qa.places import PlaceIndex, places_in
from retriever.qa.settings import QA


def test_a_question_about_another_province_is_not_answered_by_a_local_document():
    from types import SimpleNamespace as NS

    documents = {
        "hn": NS(record=NS(issuer="Hội đồng nhân dân thành phố Hà Nội"),
                 text="Mức thu tiền nước uống tối đa 16.000 đồng/học sinh/tháng tại các trường công lập."),
        "hp": NS(record=NS(issuer="Thuế thành phố Hải Phòng"),
                 text="Công ty Điện lực Jaks Hải Dương đang trong quá trình thanh tra thuế."),
        "byt": NS(record=NS(issuer="Bộ Y tế"), text="Mức hỗ trợ tiền ăn là 40.000 đồng/người/ngày."),
    }
    places = PlaceIndex(documents)
    assert places.foreign("Ở Nghệ An, tiền nước uống thu tối đa bao nhiêu?", "hn") == ("Nghệ An",)
    assert places.foreign("Hà Nội thu tiền nước uống tối đa bao nhiêu?", "hn") == ()
    assert places.foreign("ha noi thu tien nuoc uong toi da bao nhieu", "hn") == ()  # typed without accents
    # a local document that prints the place asked may answer for it; a national one answers for every place
    assert places.foreign("Công ty ở Hải Dương bị thanh tra thuế thì xử lý thế nào?", "hp") == ()
    assert places.foreign("Ở Nghệ An, mức hỗ trợ tiền ăn là bao nhiêu?", "byt") == ()


def test_abstention_says_which_place_the_document_does_not_rule_for():
    reasons = abstention_reasons(Signals(coverage=0.9, dense=0.9, bm25=10.0, foreign_place=("Nghệ An",)), QA)
    assert reasons == ("foreign_place: Nghệ An",)
    assert places_in("UBND tỉnh Thừa Thiên Huế") == ("Thừa Thiên Huế",)
