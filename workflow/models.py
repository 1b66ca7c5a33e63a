"""The review chain of 第五、七、八、十三、十五条 as Wagtail workflow tasks.

Each task class states who may approve it; the shared base records the
Art. 8 checklist on every decision, refuses a reviewer's approval of an item
he wrote or last edited, and claims the task state with a guarded update so
that two reviewers acting at once cannot both decide.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Task, TaskState

from units.models import UnitKind

from .checklist import (
    ALL_BUT_STATISTICS,
    OTHER_KEY,
    RejectionForm,
    approval_form_for,
    checklist_errors,
)
from .revisions import last_content_editor_id


class ReviewRefused(PermissionDenied):
    """A review action that is not allowed; the message says why, in Chinese."""


class ReviewTaskState(TaskState):
    """One reviewer's decision with the Art. 8 checklist behind it."""

    checklist = models.JSONField("审核要点", default=dict, blank=True)
    other_matters = models.TextField("其他需要审核的事项", blank=True)
    signed_for = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="代签（受谁委托）", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"


def _users():
    return get_user_model().objects.filter(is_active=True)


def responsible_section(item):
    """The 科室 answerable for an item: its source if that is a 科室, else the
    first 科室 that maintains its column (e.g. 宣传科 for 健康枣庄)."""
    if item.source_unit and item.source_unit.kind == UnitKind.SECTION:
        return item.source_unit
    for column in item.get_ancestors().specific().reverse():
        maintainers = getattr(column, "maintainers", None)
        if maintainers is not None:
            section = maintainers.filter(kind=UnitKind.SECTION).first()
            if section:
                return section
    return None


def authors_of(obj):
    """Users who wrote or last changed the item's content: they may not review it.

    A save that changes nothing (autosave, "save draft") does not make its
    user an editor of the text.
    """
    ids = {obj.owner_id, last_content_editor_id(obj)}
    ids.discard(None)
    return ids


class ReviewerRulesMixin:
    """Wagtail's task hooks (actions, editor access, locking, the dashboard's
    list) driven by two rules of the task: ``reviewers(obj)`` and
    ``refusal(obj, user)``.  Shared by the review chain and the answers to
    letters (mailbox), so that one rule decides everywhere."""

    approve_label = "审核通过"

    def may_review(self, obj, user):
        return self.refusal(obj, user) is None

    def get_actions(self, obj, user):
        if not self.may_review(obj, user):
            return []
        return [("reject", "退回修改", True), ("approve", self.approve_label, True)]

    def user_can_access_editor(self, obj, user):
        return self.may_review(obj, user)

    def locked_for_user(self, obj, user):
        obj = getattr(obj, "specific", obj)
        return not (user.is_superuser or self.reviewers(obj).filter(pk=user.pk).exists())

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
            "workflow_state")
        ids = [s.pk for s in states
               if self.may_review(_specific(s.workflow_state.content_object), user)]
        return TaskState.objects.filter(pk__in=ids)


def _specific(obj):
    return getattr(obj, "specific", obj)  # pages are specific, snippets already are


class BaseReviewTask(ReviewerRulesMixin, Task):
    """Shared behaviour of every step of the chain."""

    # Steps that vouch for the text that goes online: an edit after their
    # approval sends the item back through them (workflow.reapproval).
    vouches_for_text = True
    task_state_class = ReviewTaskState
    required_items = ALL_BUT_STATISTICS

    class Meta:
        abstract = True

    # -- who may act ------------------------------------------------------
    def reviewers(self, obj):
        """Users who may decide this step for this item."""
        raise NotImplementedError

    def refusal(self, obj, user):
        """Why the user may not decide this step for obj, or None if he may."""
        obj = getattr(obj, "specific", obj)  # Wagtail's views pass the base Page
        if not user.is_authenticated or not user.is_active:
            return "请先登录。"
        if user.pk in authors_of(obj):
            return "您是本信息的撰写人或最后修改人，不能审核自己的信息。"
        if user.is_superuser or self.reviewers(obj).filter(pk=user.pk).exists():
            return None
        return f"您不是“{self.name}”的审核人。"

    # -- forms --------------------------------------------------------------
    def get_form_for_action(self, action):
        if action == "approve":
            return approval_form_for(self.required_items)
        if action == "reject":
            return RejectionForm
        return super().get_form_for_action(action)

    # -- decisions ----------------------------------------------------------
    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object.specific
        reason = self.refusal(obj, user)
        if reason:
            raise ReviewRefused(reason)
        if action_name == "approve":
            return self.approve(task_state.specific, user, obj, **kwargs)
        if action_name == "reject":
            return self.reject(task_state.specific, user, **kwargs)
        raise ReviewRefused("未知的审核操作。")

    def approve(self, task_state, user, obj, comment="", **answers):
        errors = self.approval_errors(obj, answers, comment)
        if errors:
            raise ReviewRefused("；".join(errors))
        claim(task_state, user)
        task_state.checklist = {k: answers[k] for k in answers if k != OTHER_KEY}
        task_state.other_matters = answers.get(OTHER_KEY, "") or ""
        task_state.signed_for = self.signed_for(obj, user)
        task_state.save(update_fields=["checklist", "other_matters", "signed_for"])
        task_state.approve(user=user, comment=comment.strip())

    def approval_errors(self, obj, answers, comment):
        from .checks import content_check_errors

        errors = checklist_errors(answers, self.required_items)
        if not (comment or "").strip():
            errors.append("请填写审核意见。")
        errors += content_check_errors(self, obj, answers)
        return errors

    def get_template_for_action(self, action):
        # The review dialog shows the keyword and personal-data findings.
        return "workflow/review_action_modal.html"

    def signed_for(self, obj, user):
        """The reviewer on whose instruction user acts (代签), if any."""
        return None

    def reject(self, task_state, user, comment="", **_ignored):
        if not (comment or "").strip():
            raise ReviewRefused("退回修改必须填写理由。")
        claim(task_state, user)
        task_state.reject(user=user, comment=comment.strip())


def claim(task_state, user):
    """Take the decision on this step, or refuse if someone already has.

    A guarded UPDATE (not a read then a write): of two reviewers acting at
    the same moment, exactly one changes the row; the other is refused.
    """
    taken = TaskState.objects.filter(
        pk=task_state.pk, status=TaskState.STATUS_IN_PROGRESS, finished_by__isnull=True,
    ).update(finished_by=user, finished_at=timezone.now())
    if not taken:
        raise ReviewRefused("该审核步骤已由其他审核人处理，请刷新页面查看最新状态。")


class FirstLevelReviewTask(BaseReviewTask):
    """一级审核 (Art. 15): the head of the item's 供稿单位, and nobody else."""

    required_items = ("secret", "statistics")
    approve_label = "一级审核通过"
    vouches_for_text = False  # the unit vouches for its own facts, once

    class Meta:
        verbose_name = "一级审核（供稿单位负责人）"
        verbose_name_plural = "一级审核（供稿单位负责人）"

    @classmethod
    def get_description(cls):
        return "由信息供稿单位的负责人审核本单位报送的信息，确认数据准确。"

    def reviewers(self, obj):
        unit = getattr(obj, "source_unit", None)
        if unit is None:
            return _users().none()
        return _users().filter(groups=unit.heads_group_id)


class GroupReviewTask(BaseReviewTask):
    """A step decided by members of chosen groups (办公室, 研究室)."""

    groups = models.ManyToManyField("auth.Group", verbose_name="审核用户组",
                                    related_name="+")
    admin_form_fields = Task.admin_form_fields + ["groups"]

    class Meta:
        abstract = True

    def reviewers(self, obj):
        return _users().filter(groups__in=self.groups.all()).distinct()


class ConfidentialityReviewTask(GroupReviewTask):
    """保密审查 (Art. 5, 13): 办公室 checks that nothing classified goes online."""

    approve_label = "保密审查通过"

    class Meta:
        verbose_name = "保密审查（办公室）"
        verbose_name_plural = "保密审查（办公室）"

    @classmethod
    def get_description(cls):
        return "委办公室对信息进行保密审查，涉密信息不得上网。"


class LeaderReviewTask(BaseReviewTask):
    """二级审核 by the 分管领导 of the item's responsible 科室 (Art. 5, 7, 16)."""

    approve_label = "二级审核通过"

    class Meta:
        verbose_name = "二级审核（分管领导）"
        verbose_name_plural = "二级审核（分管领导）"

    @classmethod
    def get_description(cls):
        return "由信息责任科室的分管领导进行二级审核。"

    def leaders(self, obj):
        section = responsible_section(obj)
        if section is None:
            return _users().none()
        return _users().filter(leader_profile__supervised_units=section)

    def reviewers(self, obj):
        """The leaders, and their secretaries who enter a decision for them."""
        leaders = self.leaders(obj)
        secretaries = _users().filter(secretary_for__user__in=leaders)
        return (leaders | secretaries).distinct()

    def signed_for(self, obj, user):
        leaders = self.leaders(obj)
        if leaders.filter(pk=user.pk).exists():
            return None
        return leaders.filter(leader_profile__secretaries=user).first()


class ResearchOfficeReviewTask(GroupReviewTask):
    """研究室's step: 二级审核 of 工作要闻/工作动态, or the publication check of
    other columns; its approval completes the chain and publishes."""

    approve_label = "审核通过并发布"

    class Meta:
        verbose_name = "研究室审核发布"
        verbose_name_plural = "研究室审核发布"

    @classmethod
    def get_description(cls):
        return "研究室审核后发布信息；审核通过即上网发布，也可退回修改。"


class PublicationCheckTask(ResearchOfficeReviewTask):
    """研究室's final publication check after the 分管领导 has approved."""

    required_items = ("secret",)

    class Meta:
        verbose_name = "研究室发布审核"
        verbose_name_plural = "研究室发布审核"


from .register import PublicationRecord, RegisterSequence  # noqa: E402,F401  (登记备案)

from .keywords import ContentCheckRecord, Keyword, PrivacyOverride  # noqa: E402,F401
