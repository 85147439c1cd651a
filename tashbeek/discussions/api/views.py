"""/api/v1/threads/ and /api/v1/posts/: community discussions, for the community's members."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.actions import created, request_body
from tashbeek.api.errors import ERRORS
from tashbeek.communities.models import Community
from tashbeek.communities.rules import community_roles
from tashbeek.core.permissions import is_secretariat

from .. import selectors, services
from ..models import Post, Thread


def readable_communities(user):
    if is_secretariat(user):
        return Community.objects.all()
    active = [pk for pk, (_r, state) in community_roles(user).items() if state == "active"]
    return Community.objects.filter(pk__in=active)


class PostSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.full_name", default="", read_only=True)
    body = serializers.SerializerMethodField()
    hidden = serializers.BooleanField(source="is_hidden", read_only=True)

    class Meta:
        model = Post
        fields = ["id", "thread", "parent", "author", "body", "created_at", "hidden"]
        read_only_fields = fields

    def get_body(self, post) -> str:
        """Sanitised HTML; empty for a hidden post unless the reader moderates."""
        moderators = self.context.get("moderator", False)
        return post.body if not post.is_hidden or moderators else ""


class ThreadSerializer(serializers.ModelSerializer):
    community = serializers.SlugRelatedField(slug_field="slug", queryset=Community.objects.all())
    body = serializers.CharField(write_only=True, max_length=services.MAX_BODY)

    class Meta:
        model = Thread
        fields = ["id", "community", "title", "body", "created_at", "last_post_at", "post_count"]
        read_only_fields = ["created_at", "last_post_at", "post_count"]


class ThreadDetailSerializer(ThreadSerializer):
    posts = serializers.SerializerMethodField()

    class Meta(ThreadSerializer.Meta):
        fields = [*ThreadSerializer.Meta.fields, "posts"]

    def get_posts(self, thread) -> list[dict]:
        user = self.context["request"].user
        context = {"moderator": user.has_perm("discussions.moderate", thread.community)}
        return [
            {**PostSerializer(post, context=context).data, "depth": depth}
            for post, depth in selectors.posts_as_tree(thread)
        ]


class ReplySerializer(serializers.Serializer):
    body = serializers.CharField(max_length=services.MAX_BODY)
    parent = serializers.IntegerField(required=False, allow_null=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


@extend_schema_view(
    list=extend_schema(responses={200: ThreadSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: ThreadDetailSerializer, **ERRORS}),
    create=extend_schema(responses={201: ThreadSerializer, **ERRORS}),
)
class ThreadViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    # The list holds only the threads of one's own communities.
    permission_map = {
        "list": "core.signed_in",
        "retrieve": "discussions.take_part",
        "create": "discussions.start_thread",
        "reply": "discussions.take_part",
    }
    object_actions = ("reply",)

    def get_serializer_class(self):
        return ThreadDetailSerializer if self.action == "retrieve" else ThreadSerializer

    def get_queryset(self):
        threads = Thread.objects.filter(
            community__in=readable_communities(self.request.user)
        ).select_related("community")
        if self.request.query_params.get("community"):
            threads = threads.filter(community__slug=self.request.query_params["community"])
        return threads

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.thread_start(
            by=self.request.user,
            community=data["community"],
            title=data["title"],
            body=data["body"],
        )

    @extend_schema(request=ReplySerializer, responses={201: PostSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        """Reply to the thread or to one of its posts."""
        thread = self.get_object()
        data = request_body(ReplySerializer, request)
        parent_pk = data.get("parent")
        parent = thread.posts.filter(pk=parent_pk).first() if parent_pk else None
        if parent_pk and parent is None:
            raise serializers.ValidationError(
                {"parent": [_("That message is not in this discussion.")]}
            )
        post = services.post_reply(by=request.user, thread=thread, body=data["body"], parent=parent)
        return created(PostSerializer, post, request)


@extend_schema_view(retrieve=extend_schema(responses={200: PostSerializer, **ERRORS}))
class PostViewSet(viewsets.GenericViewSet, viewsets.mixins.RetrieveModelMixin):
    serializer_class = PostSerializer
    permission_map = {
        "retrieve": "discussions.take_part",
        "hide": "discussions.hide_post",
        "report": "discussions.take_part",
    }
    object_actions = ("hide", "report")

    def get_queryset(self):
        return Post.objects.filter(
            thread__community__in=readable_communities(self.request.user)
        ).select_related("thread__community", "author")

    def retrieve(self, request, *args, **kwargs):
        post = self.get_object()
        moderator = request.user.has_perm("discussions.moderate", post.thread.community)
        return Response(PostSerializer(post, context={"moderator": moderator}).data)

    @extend_schema(request=ReasonSerializer, responses={200: PostSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def hide(self, request, pk=None):
        """A coordinator hides the post, with the reason everyone will see."""
        post = self.get_object()
        data = request_body(ReasonSerializer, request)
        post = services.post_hide(by=request.user, post=post, reason=data["reason"])
        return Response(PostSerializer(post, context={"moderator": True}).data)

    @extend_schema(request=ReasonSerializer, responses={201: None, **ERRORS})
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """Report the post as abusive; the coordinators are told."""
        post = self.get_object()
        data = request_body(ReasonSerializer, request)
        services.post_report(by=request.user, post=post, reason=data["reason"])
        return Response(status=status.HTTP_201_CREATED)
