import pytest

from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import DepartmentFactory, clerk
from zhengwu.parties import crypto
from zhengwu.parties.tests.factories import OrganisationFactory, PersonFactory
from zhengwu.parties.validators import validate_citizen_id, validate_uscc

pytestmark = pytest.mark.django_db


def test_factories_build_a_consistent_world():
    department = DepartmentFactory()
    user = clerk(department)
    version = MatterVersionFactory(matter__department=department)
    person = PersonFactory()
    organisation = OrganisationFactory()
    assert user.has_role(Role.WINDOW_CLERK)
    assert user.posts.get().code == "acceptance"
    assert version.matter.current_version == version
    assert version.materials.count() == 3
    assert validate_citizen_id(crypto.decrypt(person.id_number_encrypted))
    assert validate_uscc(crypto.decrypt(organisation.id_number_encrypted))
