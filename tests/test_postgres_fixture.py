"""The throwaway PostgreSQL server used by the gradebook tests really starts and answers."""

import pytest
import sqlalchemy

from .postgres import temporary_postgres, why_unavailable


@pytest.mark.skipif(why_unavailable() is not None, reason=str(why_unavailable()))
def test_server_answers_and_is_removed():
    with temporary_postgres("probe") as url:
        engine = sqlalchemy.create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("select 41 + 1")).scalar() == 42
        engine.dispose()
    with pytest.raises(sqlalchemy.exc.OperationalError):
        sqlalchemy.create_engine(url, connect_args={"connect_timeout": 2}).connect()
