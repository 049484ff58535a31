from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "zhengwu.projects"
    label = "projects"
    verbose_name = "工程建设项目审批"
