"""manage.py issue_token <username> <name>: a bearer token for the REST API, printed once."""

from django.core.management.base import BaseCommand, CommandError

from zhengwu.audit import services as audit
from zhengwu.org.models import User
from zhengwu.org.tokens import issue_token


class Command(BaseCommand):
    help = "为工作人员签发接口访问令牌（仅显示一次）。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="令牌用途，如“市一体化平台对接”")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在或已停用。")
        token = issue_token(user, name)
        audit.record(None, "org.issue_token", user, name=name)
        self.stdout.write(token)
