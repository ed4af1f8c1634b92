"""The instruments do not import the model reader: the circle between model.py and
instruments.py is gone (issue 11); both take their errors from problems.py."""

from __future__ import annotations

import grimp


def test_no_circle_between_the_model_and_the_instruments() -> None:
    graph = grimp.build_graph("akkoord")
    assert not graph.chain_exists(
        importer="akkoord.engines.finance.instruments", imported="akkoord.engines.finance.model"
    )
    assert graph.direct_import_exists(
        importer="akkoord.engines.finance.instruments", imported="akkoord.engines.finance.problems"
    )
