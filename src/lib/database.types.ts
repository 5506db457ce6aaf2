export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
      actions: {
        Row: {
          archived_at: string | null;
          created_at: string;
          created_by: string | null;
          description: string;
          id: string;
          key: string;
          name: string;
          organization_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          id?: string;
          key: string;
          name: string;
          organization_id: string;
          updated_at?: string;
        };
        Update: {
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          id?: string;
          key?: string;
          name?: string;
          organization_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "actions_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      api_keys: {
        Row: {
          created_at: string;
          created_by: string | null;
          id: string;
          key_hash: string;
          last_used_at: string | null;
          name: string;
          organization_id: string;
          prefix: string;
          revoked_at: string | null;
          revoked_by: string | null;
          scopes: string[];
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          key_hash: string;
          last_used_at?: string | null;
          name: string;
          organization_id: string;
          prefix: string;
          revoked_at?: string | null;
          revoked_by?: string | null;
          scopes: string[];
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          key_hash?: string;
          last_used_at?: string | null;
          name?: string;
          organization_id?: string;
          prefix?: string;
          revoked_at?: string | null;
          revoked_by?: string | null;
          scopes?: string[];
        };
        Relationships: [
          {
            foreignKeyName: "api_keys_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      audit_log: {
        Row: {
          action: string;
          actor_id: string | null;
          after: Json | null;
          before: Json | null;
          created_at: string;
          entity_id: string;
          entity_type: string;
          id: number;
          organization_id: string;
        };
        ComputedFields: never;
        Insert: {
          action: string;
          actor_id?: string | null;
          after?: Json | null;
          before?: Json | null;
          created_at?: string;
          entity_id: string;
          entity_type: string;
          id?: never;
          organization_id: string;
        };
        Update: {
          action?: string;
          actor_id?: string | null;
          after?: Json | null;
          before?: Json | null;
          created_at?: string;
          entity_id?: string;
          entity_type?: string;
          id?: never;
          organization_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "audit_log_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      capabilities: {
        Row: {
          archived_at: string | null;
          created_at: string;
          created_by: string | null;
          description: string;
          id: string;
          key: string;
          name: string;
          organization_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          id?: string;
          key: string;
          name: string;
          organization_id: string;
          updated_at?: string;
        };
        Update: {
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          id?: string;
          key?: string;
          name?: string;
          organization_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "capabilities_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      deployments: {
        Row: {
          action_id: string | null;
          capability_id: string;
          deployed_at: string;
          deployed_by: string | null;
          experiment_id: string | null;
          id: string;
          intent_id: string | null;
          kind: Database["public"]["Enums"]["deployment_kind"];
          note: string;
          organization_id: string;
          replaced_deployment_id: string | null;
          restored_deployment_id: string | null;
          rollback_to_deployment_id: string | null;
          superseded_at: string | null;
          version_id: string;
        };
        ComputedFields: never;
        Insert: {
          action_id?: string | null;
          capability_id: string;
          deployed_at?: string;
          deployed_by?: string | null;
          experiment_id?: string | null;
          id?: string;
          intent_id?: string | null;
          kind?: Database["public"]["Enums"]["deployment_kind"];
          note?: string;
          organization_id: string;
          replaced_deployment_id?: string | null;
          restored_deployment_id?: string | null;
          rollback_to_deployment_id?: string | null;
          superseded_at?: string | null;
          version_id: string;
        };
        Update: {
          action_id?: string | null;
          capability_id?: string;
          deployed_at?: string;
          deployed_by?: string | null;
          experiment_id?: string | null;
          id?: string;
          intent_id?: string | null;
          kind?: Database["public"]["Enums"]["deployment_kind"];
          note?: string;
          organization_id?: string;
          replaced_deployment_id?: string | null;
          restored_deployment_id?: string | null;
          rollback_to_deployment_id?: string | null;
          superseded_at?: string | null;
          version_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "deployments_organization_id_action_id_fkey";
            columns: ["organization_id", "action_id"];
            isOneToOne: false;
            referencedRelation: "actions";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "deployments_organization_id_capability_id_fkey";
            columns: ["organization_id", "capability_id"];
            isOneToOne: false;
            referencedRelation: "capabilities";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "deployments_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "deployments_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "deployments_organization_id_intent_id_fkey";
            columns: ["organization_id", "intent_id"];
            isOneToOne: false;
            referencedRelation: "intents";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "deployments_organization_id_version_id_fkey";
            columns: ["organization_id", "version_id"];
            isOneToOne: false;
            referencedRelation: "experiment_versions";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "deployments_replaced_deployment_id_fkey";
            columns: ["replaced_deployment_id"];
            isOneToOne: false;
            referencedRelation: "deployments";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "deployments_restored_deployment_id_fkey";
            columns: ["restored_deployment_id"];
            isOneToOne: false;
            referencedRelation: "deployments";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "deployments_rollback_to_deployment_id_fkey";
            columns: ["rollback_to_deployment_id"];
            isOneToOne: false;
            referencedRelation: "deployments";
            referencedColumns: ["id"];
          },
        ];
      };
      experiment_actions: {
        Row: {
          action_id: string;
          created_at: string;
          experiment_id: string;
          organization_id: string;
        };
        ComputedFields: never;
        Insert: {
          action_id: string;
          created_at?: string;
          experiment_id: string;
          organization_id: string;
        };
        Update: {
          action_id?: string;
          created_at?: string;
          experiment_id?: string;
          organization_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "experiment_actions_organization_id_action_id_fkey";
            columns: ["organization_id", "action_id"];
            isOneToOne: false;
            referencedRelation: "actions";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_actions_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_actions_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      experiment_comments: {
        Row: {
          anchor: Json | null;
          body: string;
          created_at: string;
          created_by: string | null;
          experiment_id: string;
          id: string;
          organization_id: string;
          updated_at: string;
          version_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          anchor?: Json | null;
          body: string;
          created_at?: string;
          created_by?: string | null;
          experiment_id: string;
          id?: string;
          organization_id: string;
          updated_at?: string;
          version_id?: string | null;
        };
        Update: {
          anchor?: Json | null;
          body?: string;
          created_at?: string;
          created_by?: string | null;
          experiment_id?: string;
          id?: string;
          organization_id?: string;
          updated_at?: string;
          version_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "experiment_comments_experiment_id_version_id_fkey";
            columns: ["experiment_id", "version_id"];
            isOneToOne: false;
            referencedRelation: "experiment_versions";
            referencedColumns: ["experiment_id", "id"];
          },
          {
            foreignKeyName: "experiment_comments_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_comments_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      experiment_intents: {
        Row: {
          created_at: string;
          experiment_id: string;
          intent_id: string;
          organization_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          experiment_id: string;
          intent_id: string;
          organization_id: string;
        };
        Update: {
          created_at?: string;
          experiment_id?: string;
          intent_id?: string;
          organization_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "experiment_intents_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_intents_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "experiment_intents_organization_id_intent_id_fkey";
            columns: ["organization_id", "intent_id"];
            isOneToOne: false;
            referencedRelation: "intents";
            referencedColumns: ["organization_id", "id"];
          },
        ];
      };
      experiment_metrics: {
        Row: {
          created_at: string;
          experiment_id: string;
          metric_id: string;
          organization_id: string;
          role: Database["public"]["Enums"]["experiment_metric_role"];
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          experiment_id: string;
          metric_id: string;
          organization_id: string;
          role: Database["public"]["Enums"]["experiment_metric_role"];
        };
        Update: {
          created_at?: string;
          experiment_id?: string;
          metric_id?: string;
          organization_id?: string;
          role?: Database["public"]["Enums"]["experiment_metric_role"];
        };
        Relationships: [
          {
            foreignKeyName: "experiment_metrics_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_metrics_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "experiment_metrics_organization_id_metric_id_fkey";
            columns: ["organization_id", "metric_id"];
            isOneToOne: false;
            referencedRelation: "metric_definitions";
            referencedColumns: ["organization_id", "id"];
          },
        ];
      };
      experiment_reviews: {
        Row: {
          comment: string;
          created_at: string;
          decision: Database["public"]["Enums"]["review_decision"];
          experiment_id: string;
          id: string;
          organization_id: string;
          reviewer_id: string | null;
          round: number;
        };
        ComputedFields: never;
        Insert: {
          comment?: string;
          created_at?: string;
          decision: Database["public"]["Enums"]["review_decision"];
          experiment_id: string;
          id?: string;
          organization_id: string;
          reviewer_id?: string | null;
          round: number;
        };
        Update: {
          comment?: string;
          created_at?: string;
          decision?: Database["public"]["Enums"]["review_decision"];
          experiment_id?: string;
          id?: string;
          organization_id?: string;
          reviewer_id?: string | null;
          round?: number;
        };
        Relationships: [
          {
            foreignKeyName: "experiment_reviews_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_reviews_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      experiment_variants: {
        Row: {
          allocation_bp: number;
          created_at: string;
          experiment_id: string;
          id: string;
          is_control: boolean;
          key: string;
          name: string;
          organization_id: string;
          position: number;
          updated_at: string;
          version_id: string;
        };
        ComputedFields: never;
        Insert: {
          allocation_bp: number;
          created_at?: string;
          experiment_id: string;
          id?: string;
          is_control?: boolean;
          key: string;
          name?: string;
          organization_id: string;
          position?: number;
          updated_at?: string;
          version_id: string;
        };
        Update: {
          allocation_bp?: number;
          created_at?: string;
          experiment_id?: string;
          id?: string;
          is_control?: boolean;
          key?: string;
          name?: string;
          organization_id?: string;
          position?: number;
          updated_at?: string;
          version_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "experiment_variants_experiment_id_version_id_fkey";
            columns: ["experiment_id", "version_id"];
            isOneToOne: false;
            referencedRelation: "experiment_versions";
            referencedColumns: ["experiment_id", "id"];
          },
          {
            foreignKeyName: "experiment_variants_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_variants_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      experiment_versions: {
        Row: {
          branch: string;
          change_message: string;
          created_at: string;
          created_by: string | null;
          experiment_id: string;
          id: string;
          max_tokens: number | null;
          model: string;
          number: number;
          organization_id: string;
          params: NonNullable<Json>;
          parent_version_id: string | null;
          prompt_text: string | null;
          provider: Database["public"]["Enums"]["llm_provider"];
          stop_sequences: string[];
          system_prompt: string | null;
          temperature: number | null;
          template_bindings: NonNullable<Json>;
          template_version_id: string | null;
          tools: NonNullable<Json>;
          top_p: number | null;
        };
        ComputedFields: never;
        Insert: {
          branch?: string;
          change_message: string;
          created_at?: string;
          created_by?: string | null;
          experiment_id: string;
          id?: string;
          max_tokens?: number | null;
          model: string;
          number?: number;
          organization_id: string;
          params?: NonNullable<Json>;
          parent_version_id?: string | null;
          prompt_text?: string | null;
          provider: Database["public"]["Enums"]["llm_provider"];
          stop_sequences?: string[];
          system_prompt?: string | null;
          temperature?: number | null;
          template_bindings?: NonNullable<Json>;
          template_version_id?: string | null;
          tools?: NonNullable<Json>;
          top_p?: number | null;
        };
        Update: {
          branch?: string;
          change_message?: string;
          created_at?: string;
          created_by?: string | null;
          experiment_id?: string;
          id?: string;
          max_tokens?: number | null;
          model?: string;
          number?: number;
          organization_id?: string;
          params?: NonNullable<Json>;
          parent_version_id?: string | null;
          prompt_text?: string | null;
          provider?: Database["public"]["Enums"]["llm_provider"];
          stop_sequences?: string[];
          system_prompt?: string | null;
          temperature?: number | null;
          template_bindings?: NonNullable<Json>;
          template_version_id?: string | null;
          tools?: NonNullable<Json>;
          top_p?: number | null;
        };
        Relationships: [
          {
            foreignKeyName: "experiment_versions_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_versions_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "experiment_versions_organization_id_parent_version_id_fkey";
            columns: ["organization_id", "parent_version_id"];
            isOneToOne: false;
            referencedRelation: "experiment_versions";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiment_versions_organization_id_template_version_id_fkey";
            columns: ["organization_id", "template_version_id"];
            isOneToOne: false;
            referencedRelation: "prompt_template_versions";
            referencedColumns: ["organization_id", "id"];
          },
        ];
      };
      experiments: {
        Row: {
          activated_at: string | null;
          archived_at: string | null;
          capability_id: string;
          created_at: string;
          created_by: string | null;
          hypothesis: string;
          id: string;
          name: string;
          organization_id: string;
          origin_experiment_id: string | null;
          paused_at: string | null;
          review_round: number;
          salt: string;
          status: Database["public"]["Enums"]["experiment_status"];
          status_changed_at: string | null;
          status_changed_by: string | null;
          submitted_at: string | null;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          activated_at?: string | null;
          archived_at?: string | null;
          capability_id: string;
          created_at?: string;
          created_by?: string | null;
          hypothesis?: string;
          id?: string;
          name: string;
          organization_id: string;
          origin_experiment_id?: string | null;
          paused_at?: string | null;
          review_round?: number;
          salt?: string;
          status?: Database["public"]["Enums"]["experiment_status"];
          status_changed_at?: string | null;
          status_changed_by?: string | null;
          submitted_at?: string | null;
          updated_at?: string;
        };
        Update: {
          activated_at?: string | null;
          archived_at?: string | null;
          capability_id?: string;
          created_at?: string;
          created_by?: string | null;
          hypothesis?: string;
          id?: string;
          name?: string;
          organization_id?: string;
          origin_experiment_id?: string | null;
          paused_at?: string | null;
          review_round?: number;
          salt?: string;
          status?: Database["public"]["Enums"]["experiment_status"];
          status_changed_at?: string | null;
          status_changed_by?: string | null;
          submitted_at?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "experiments_organization_id_capability_id_fkey";
            columns: ["organization_id", "capability_id"];
            isOneToOne: false;
            referencedRelation: "capabilities";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "experiments_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "experiments_organization_id_origin_experiment_id_fkey";
            columns: ["organization_id", "origin_experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
        ];
      };
      exposures: {
        Row: {
          experiment_id: string;
          first_exposed_at: string;
          last_exposed_at: string;
          organization_id: string;
          unit_id: string;
          variant_id: string;
          version_id: string;
        };
        ComputedFields: never;
        Insert: {
          experiment_id: string;
          first_exposed_at?: string;
          last_exposed_at?: string;
          organization_id: string;
          unit_id: string;
          variant_id: string;
          version_id: string;
        };
        Update: {
          experiment_id?: string;
          first_exposed_at?: string;
          last_exposed_at?: string;
          organization_id?: string;
          unit_id?: string;
          variant_id?: string;
          version_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "exposures_experiment_id_fkey";
            columns: ["experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "exposures_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "exposures_variant_id_fkey";
            columns: ["variant_id"];
            isOneToOne: false;
            referencedRelation: "experiment_variants";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "exposures_version_id_fkey";
            columns: ["version_id"];
            isOneToOne: false;
            referencedRelation: "experiment_versions";
            referencedColumns: ["id"];
          },
        ];
      };
      feedback: {
        Row: {
          attributed_account: string | null;
          comment: string | null;
          end_user_id: string | null;
          event_hash: string;
          id: string;
          idempotency_key: string;
          metadata: Json | null;
          occurred_at: string;
          organization_id: string;
          rating: number | null;
          received_at: string;
          run_external_id: string | null;
          run_id: string | null;
          thumbs: string | null;
        };
        ComputedFields: never;
        Insert: {
          attributed_account?: string | null;
          comment?: string | null;
          end_user_id?: string | null;
          event_hash: string;
          id?: string;
          idempotency_key: string;
          metadata?: Json | null;
          occurred_at: string;
          organization_id: string;
          rating?: number | null;
          received_at?: string;
          run_external_id?: string | null;
          run_id?: string | null;
          thumbs?: string | null;
        };
        Update: {
          attributed_account?: string | null;
          comment?: string | null;
          end_user_id?: string | null;
          event_hash?: string;
          id?: string;
          idempotency_key?: string;
          metadata?: Json | null;
          occurred_at?: string;
          organization_id?: string;
          rating?: number | null;
          received_at?: string;
          run_external_id?: string | null;
          run_id?: string | null;
          thumbs?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "feedback_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      feedback_rollups: {
        Row: {
          account: string | null;
          action: string | null;
          bucket: string;
          capability: string | null;
          experiment_id: string | null;
          grain: string;
          intent: string | null;
          is_manual: boolean | null;
          level: string;
          model: string | null;
          organization_id: string;
          provider: string | null;
          status: string | null;
          thumbs_down: number;
          thumbs_up: number;
          variant_id: string | null;
          version_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          account?: string | null;
          action?: string | null;
          bucket: string;
          capability?: string | null;
          experiment_id?: string | null;
          grain: string;
          intent?: string | null;
          is_manual?: boolean | null;
          level: string;
          model?: string | null;
          organization_id: string;
          provider?: string | null;
          status?: string | null;
          thumbs_down: number;
          thumbs_up: number;
          variant_id?: string | null;
          version_id?: string | null;
        };
        Update: {
          account?: string | null;
          action?: string | null;
          bucket?: string;
          capability?: string | null;
          experiment_id?: string | null;
          grain?: string;
          intent?: string | null;
          is_manual?: boolean | null;
          level?: string;
          model?: string | null;
          organization_id?: string;
          provider?: string | null;
          status?: string | null;
          thumbs_down?: number;
          thumbs_up?: number;
          variant_id?: string | null;
          version_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "feedback_rollups_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      hubspot_connections: {
        Row: {
          ciphertext: string;
          connected_at: string;
          connected_by: string | null;
          cursor: NonNullable<Json>;
          last_error: string | null;
          last_synced_at: string | null;
          next_sync_after: string | null;
          organization_id: string;
          portal_id: string;
          status: string;
          sync_lease_until: string | null;
          token_last_four: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          ciphertext: string;
          connected_at?: string;
          connected_by?: string | null;
          cursor?: NonNullable<Json>;
          last_error?: string | null;
          last_synced_at?: string | null;
          next_sync_after?: string | null;
          organization_id: string;
          portal_id: string;
          status?: string;
          sync_lease_until?: string | null;
          token_last_four: string;
          updated_at?: string;
        };
        Update: {
          ciphertext?: string;
          connected_at?: string;
          connected_by?: string | null;
          cursor?: NonNullable<Json>;
          last_error?: string | null;
          last_synced_at?: string | null;
          next_sync_after?: string | null;
          organization_id?: string;
          portal_id?: string;
          status?: string;
          sync_lease_until?: string | null;
          token_last_four?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "hubspot_connections_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      hubspot_mappings: {
        Row: {
          account_property: string | null;
          created_at: string;
          created_by: string | null;
          end_user_property: string | null;
          equals: string | null;
          id: string;
          metric_key: string;
          object: string;
          only_when_stage: string | null;
          organization_id: string;
          property: string;
          transform: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          account_property?: string | null;
          created_at?: string;
          created_by?: string | null;
          end_user_property?: string | null;
          equals?: string | null;
          id?: string;
          metric_key: string;
          object: string;
          only_when_stage?: string | null;
          organization_id: string;
          property: string;
          transform: string;
          updated_at?: string;
        };
        Update: {
          account_property?: string | null;
          created_at?: string;
          created_by?: string | null;
          end_user_property?: string | null;
          equals?: string | null;
          id?: string;
          metric_key?: string;
          object?: string;
          only_when_stage?: string | null;
          organization_id?: string;
          property?: string;
          transform?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "hubspot_mappings_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "hubspot_mappings_organization_id_metric_key_fkey";
            columns: ["organization_id", "metric_key"];
            isOneToOne: false;
            referencedRelation: "metric_definitions";
            referencedColumns: ["organization_id", "key"];
          },
        ];
      };
      hubspot_sync_runs: {
        Row: {
          error: string | null;
          finished_at: string | null;
          full_sync: boolean;
          id: string;
          organization_id: string;
          outcomes_written: number;
          pages: number;
          records: number;
          requested_by: string | null;
          retry_after: string | null;
          started_at: string;
          status: string;
          trigger: string;
        };
        ComputedFields: never;
        Insert: {
          error?: string | null;
          finished_at?: string | null;
          full_sync?: boolean;
          id?: string;
          organization_id: string;
          outcomes_written?: number;
          pages?: number;
          records?: number;
          requested_by?: string | null;
          retry_after?: string | null;
          started_at?: string;
          status?: string;
          trigger: string;
        };
        Update: {
          error?: string | null;
          finished_at?: string | null;
          full_sync?: boolean;
          id?: string;
          organization_id?: string;
          outcomes_written?: number;
          pages?: number;
          records?: number;
          requested_by?: string | null;
          retry_after?: string | null;
          started_at?: string;
          status?: string;
          trigger?: string;
        };
        Relationships: [
          {
            foreignKeyName: "hubspot_sync_runs_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      intents: {
        Row: {
          archived_at: string | null;
          created_at: string;
          created_by: string | null;
          description: string;
          id: string;
          key: string;
          name: string;
          organization_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          id?: string;
          key: string;
          name: string;
          organization_id: string;
          updated_at?: string;
        };
        Update: {
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          id?: string;
          key?: string;
          name?: string;
          organization_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "intents_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      invitations: {
        Row: {
          accepted_at: string | null;
          accepted_by: string | null;
          created_at: string;
          email: string;
          expires_at: string;
          id: string;
          invited_by: string | null;
          organization_id: string;
          revoked_at: string | null;
          role: Database["public"]["Enums"]["app_role"];
        };
        ComputedFields: never;
        Insert: {
          accepted_at?: string | null;
          accepted_by?: string | null;
          created_at?: string;
          email: string;
          expires_at?: string;
          id?: string;
          invited_by?: string | null;
          organization_id: string;
          revoked_at?: string | null;
          role: Database["public"]["Enums"]["app_role"];
        };
        Update: {
          accepted_at?: string | null;
          accepted_by?: string | null;
          created_at?: string;
          email?: string;
          expires_at?: string;
          id?: string;
          invited_by?: string | null;
          organization_id?: string;
          revoked_at?: string | null;
          role?: Database["public"]["Enums"]["app_role"];
        };
        Relationships: [
          {
            foreignKeyName: "invitations_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      llm_runs: {
        Row: {
          account: string | null;
          action: string | null;
          capability: string | null;
          conversation_id: string | null;
          cost_usd: number | null;
          end_user_id: string | null;
          error_message: string | null;
          error_type: string | null;
          event_hash: string;
          experiment_id: string | null;
          external_id: string | null;
          id: string;
          idempotency_key: string;
          intent: string | null;
          is_manual: boolean | null;
          latency_ms: number | null;
          metadata: Json | null;
          model: string | null;
          occurred_at: string;
          organization_id: string;
          provider: string | null;
          question: string | null;
          received_at: string;
          response: string | null;
          status: string;
          tokens_cached: number | null;
          tokens_in: number | null;
          tokens_out: number | null;
          tool_calls: Json | null;
          ttft_ms: number | null;
          variant_id: string | null;
          version_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          account?: string | null;
          action?: string | null;
          capability?: string | null;
          conversation_id?: string | null;
          cost_usd?: number | null;
          end_user_id?: string | null;
          error_message?: string | null;
          error_type?: string | null;
          event_hash: string;
          experiment_id?: string | null;
          external_id?: string | null;
          id?: string;
          idempotency_key: string;
          intent?: string | null;
          is_manual?: boolean | null;
          latency_ms?: number | null;
          metadata?: Json | null;
          model?: string | null;
          occurred_at: string;
          organization_id: string;
          provider?: string | null;
          question?: string | null;
          received_at?: string;
          response?: string | null;
          status?: string;
          tokens_cached?: number | null;
          tokens_in?: number | null;
          tokens_out?: number | null;
          tool_calls?: Json | null;
          ttft_ms?: number | null;
          variant_id?: string | null;
          version_id?: string | null;
        };
        Update: {
          account?: string | null;
          action?: string | null;
          capability?: string | null;
          conversation_id?: string | null;
          cost_usd?: number | null;
          end_user_id?: string | null;
          error_message?: string | null;
          error_type?: string | null;
          event_hash?: string;
          experiment_id?: string | null;
          external_id?: string | null;
          id?: string;
          idempotency_key?: string;
          intent?: string | null;
          is_manual?: boolean | null;
          latency_ms?: number | null;
          metadata?: Json | null;
          model?: string | null;
          occurred_at?: string;
          organization_id?: string;
          provider?: string | null;
          question?: string | null;
          received_at?: string;
          response?: string | null;
          status?: string;
          tokens_cached?: number | null;
          tokens_in?: number | null;
          tokens_out?: number | null;
          tool_calls?: Json | null;
          ttft_ms?: number | null;
          variant_id?: string | null;
          version_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "llm_runs_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      memberships: {
        Row: {
          created_at: string;
          organization_id: string;
          role: Database["public"]["Enums"]["app_role"];
          updated_at: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          organization_id: string;
          role: Database["public"]["Enums"]["app_role"];
          updated_at?: string;
          user_id: string;
        };
        Update: {
          created_at?: string;
          organization_id?: string;
          role?: Database["public"]["Enums"]["app_role"];
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "memberships_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      metric_definitions: {
        Row: {
          aggregation: Database["public"]["Enums"]["metric_aggregation"];
          archived_at: string | null;
          created_at: string;
          created_by: string | null;
          description: string;
          direction: Database["public"]["Enums"]["metric_direction"];
          id: string;
          key: string;
          name: string;
          organization_id: string;
          percentile: number | null;
          unit: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          aggregation: Database["public"]["Enums"]["metric_aggregation"];
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          direction: Database["public"]["Enums"]["metric_direction"];
          id?: string;
          key: string;
          name: string;
          organization_id: string;
          percentile?: number | null;
          unit?: string;
          updated_at?: string;
        };
        Update: {
          aggregation?: Database["public"]["Enums"]["metric_aggregation"];
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          direction?: Database["public"]["Enums"]["metric_direction"];
          id?: string;
          key?: string;
          name?: string;
          organization_id?: string;
          percentile?: number | null;
          unit?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "metric_definitions_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      model_prices: {
        Row: {
          cached_input_per_mtok: number | null;
          id: string;
          input_per_mtok: number;
          model: string;
          organization_id: string | null;
          output_per_mtok: number;
          provider: string;
          updated_at: string;
          updated_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          cached_input_per_mtok?: number | null;
          id?: string;
          input_per_mtok: number;
          model: string;
          organization_id?: string | null;
          output_per_mtok: number;
          provider: string;
          updated_at?: string;
          updated_by?: string | null;
        };
        Update: {
          cached_input_per_mtok?: number | null;
          id?: string;
          input_per_mtok?: number;
          model?: string;
          organization_id?: string | null;
          output_per_mtok?: number;
          provider?: string;
          updated_at?: string;
          updated_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "model_prices_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      notifications: {
        Row: {
          actor_id: string | null;
          body: string;
          created_at: string;
          experiment_id: string | null;
          id: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          organization_id: string;
          read_at: string | null;
          title: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          actor_id?: string | null;
          body?: string;
          created_at?: string;
          experiment_id?: string | null;
          id?: string;
          kind: Database["public"]["Enums"]["notification_kind"];
          organization_id: string;
          read_at?: string | null;
          title: string;
          user_id: string;
        };
        Update: {
          actor_id?: string | null;
          body?: string;
          created_at?: string;
          experiment_id?: string | null;
          id?: string;
          kind?: Database["public"]["Enums"]["notification_kind"];
          organization_id?: string;
          read_at?: string | null;
          title?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "notifications_organization_id_experiment_id_fkey";
            columns: ["organization_id", "experiment_id"];
            isOneToOne: false;
            referencedRelation: "experiments";
            referencedColumns: ["organization_id", "id"];
          },
          {
            foreignKeyName: "notifications_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      organization_settings: {
        Row: {
          ingest_rate_limit_burst: number;
          ingest_rate_limit_per_second: number;
          organization_id: string;
          proxy_rate_limit_burst: number;
          proxy_rate_limit_per_second: number;
          required_approvals: number;
          run_text_policy: string;
          updated_at: string;
          updated_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          ingest_rate_limit_burst?: number;
          ingest_rate_limit_per_second?: number;
          organization_id: string;
          proxy_rate_limit_burst?: number;
          proxy_rate_limit_per_second?: number;
          required_approvals?: number;
          run_text_policy?: string;
          updated_at?: string;
          updated_by?: string | null;
        };
        Update: {
          ingest_rate_limit_burst?: number;
          ingest_rate_limit_per_second?: number;
          organization_id?: string;
          proxy_rate_limit_burst?: number;
          proxy_rate_limit_per_second?: number;
          required_approvals?: number;
          run_text_policy?: string;
          updated_at?: string;
          updated_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "organization_settings_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      organizations: {
        Row: {
          created_at: string;
          created_by: string | null;
          id: string;
          name: string;
          slug: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          name: string;
          slug: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          name?: string;
          slug?: string;
          updated_at?: string;
        };
        Relationships: [];
      };
      outcome_rollups: {
        Row: {
          account: string | null;
          action: string | null;
          bucket: string;
          capability: string | null;
          experiment_id: string | null;
          grain: string;
          intent: string | null;
          is_manual: boolean | null;
          level: string;
          metric_key: string;
          model: string | null;
          n: number;
          organization_id: string;
          provider: string | null;
          status: string | null;
          sum: number;
          sum_sq: number;
          variant_id: string | null;
          version_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          account?: string | null;
          action?: string | null;
          bucket: string;
          capability?: string | null;
          experiment_id?: string | null;
          grain: string;
          intent?: string | null;
          is_manual?: boolean | null;
          level: string;
          metric_key: string;
          model?: string | null;
          n: number;
          organization_id: string;
          provider?: string | null;
          status?: string | null;
          sum: number;
          sum_sq: number;
          variant_id?: string | null;
          version_id?: string | null;
        };
        Update: {
          account?: string | null;
          action?: string | null;
          bucket?: string;
          capability?: string | null;
          experiment_id?: string | null;
          grain?: string;
          intent?: string | null;
          is_manual?: boolean | null;
          level?: string;
          metric_key?: string;
          model?: string | null;
          n?: number;
          organization_id?: string;
          provider?: string | null;
          status?: string | null;
          sum?: number;
          sum_sq?: number;
          variant_id?: string | null;
          version_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "outcome_rollups_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      outcomes: {
        Row: {
          account: string | null;
          attributed_account: string | null;
          conversation_id: string | null;
          end_user_id: string | null;
          event_hash: string;
          id: string;
          idempotency_key: string;
          metadata: Json | null;
          metric_key: string;
          occurred_at: string;
          organization_id: string;
          received_at: string;
          run_external_id: string | null;
          run_id: string | null;
          source: string;
          value: number;
        };
        ComputedFields: never;
        Insert: {
          account?: string | null;
          attributed_account?: string | null;
          conversation_id?: string | null;
          end_user_id?: string | null;
          event_hash: string;
          id?: string;
          idempotency_key: string;
          metadata?: Json | null;
          metric_key: string;
          occurred_at: string;
          organization_id: string;
          received_at?: string;
          run_external_id?: string | null;
          run_id?: string | null;
          source?: string;
          value: number;
        };
        Update: {
          account?: string | null;
          attributed_account?: string | null;
          conversation_id?: string | null;
          end_user_id?: string | null;
          event_hash?: string;
          id?: string;
          idempotency_key?: string;
          metadata?: Json | null;
          metric_key?: string;
          occurred_at?: string;
          organization_id?: string;
          received_at?: string;
          run_external_id?: string | null;
          run_id?: string | null;
          source?: string;
          value?: number;
        };
        Relationships: [
          {
            foreignKeyName: "outcomes_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      profiles: {
        Row: {
          created_at: string;
          display_name: string | null;
          email: string;
          id: string;
          last_organization_id: string | null;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          display_name?: string | null;
          email: string;
          id: string;
          last_organization_id?: string | null;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          display_name?: string | null;
          email?: string;
          id?: string;
          last_organization_id?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "profiles_last_organization_id_fkey";
            columns: ["last_organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      prompt_template_versions: {
        Row: {
          body: string;
          change_message: string;
          created_at: string;
          created_by: string | null;
          id: string;
          number: number;
          organization_id: string;
          template_id: string;
          variables: NonNullable<Json>;
        };
        ComputedFields: never;
        Insert: {
          body: string;
          change_message?: string;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          number?: number;
          organization_id: string;
          template_id: string;
          variables?: NonNullable<Json>;
        };
        Update: {
          body?: string;
          change_message?: string;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          number?: number;
          organization_id?: string;
          template_id?: string;
          variables?: NonNullable<Json>;
        };
        Relationships: [
          {
            foreignKeyName: "prompt_template_versions_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "prompt_template_versions_organization_id_template_id_fkey";
            columns: ["organization_id", "template_id"];
            isOneToOne: false;
            referencedRelation: "prompt_templates";
            referencedColumns: ["organization_id", "id"];
          },
        ];
      };
      prompt_templates: {
        Row: {
          archived_at: string | null;
          created_at: string;
          created_by: string | null;
          description: string;
          id: string;
          name: string;
          organization_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          id?: string;
          name: string;
          organization_id: string;
          updated_at?: string;
        };
        Update: {
          archived_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string;
          id?: string;
          name?: string;
          organization_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "prompt_templates_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      provider_keys: {
        Row: {
          ciphertext: string | null;
          created_at: string;
          created_by: string | null;
          id: string;
          last_test_message: string | null;
          last_test_ok: boolean | null;
          last_tested_at: string | null;
          last4: string;
          organization_id: string;
          provider: string;
          revoked_at: string | null;
          revoked_by: string | null;
          rotated_at: string | null;
          rotated_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          ciphertext?: string | null;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          last_test_message?: string | null;
          last_test_ok?: boolean | null;
          last_tested_at?: string | null;
          last4: string;
          organization_id: string;
          provider: string;
          revoked_at?: string | null;
          revoked_by?: string | null;
          rotated_at?: string | null;
          rotated_by?: string | null;
        };
        Update: {
          ciphertext?: string | null;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          last_test_message?: string | null;
          last_test_ok?: boolean | null;
          last_tested_at?: string | null;
          last4?: string;
          organization_id?: string;
          provider?: string;
          revoked_at?: string | null;
          revoked_by?: string | null;
          rotated_at?: string | null;
          rotated_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "provider_keys_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      run_lifecycle_events: {
        Row: {
          duration_ms: number | null;
          error_message: string | null;
          error_type: string | null;
          event_hash: string;
          id: string;
          idempotency_key: string;
          metadata: Json | null;
          occurred_at: string;
          organization_id: string;
          received_at: string;
          run_external_id: string | null;
          run_id: string | null;
          type: string;
        };
        ComputedFields: never;
        Insert: {
          duration_ms?: number | null;
          error_message?: string | null;
          error_type?: string | null;
          event_hash: string;
          id?: string;
          idempotency_key: string;
          metadata?: Json | null;
          occurred_at: string;
          organization_id: string;
          received_at?: string;
          run_external_id?: string | null;
          run_id?: string | null;
          type: string;
        };
        Update: {
          duration_ms?: number | null;
          error_message?: string | null;
          error_type?: string | null;
          event_hash?: string;
          id?: string;
          idempotency_key?: string;
          metadata?: Json | null;
          occurred_at?: string;
          organization_id?: string;
          received_at?: string;
          run_external_id?: string | null;
          run_id?: string | null;
          type?: string;
        };
        Relationships: [
          {
            foreignKeyName: "run_lifecycle_events_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      run_rollups: {
        Row: {
          account: string | null;
          action: string | null;
          bucket: string;
          capability: string | null;
          cost_n: number;
          cost_sum: number;
          cost_sum_sq: number;
          errors: number;
          experiment_id: string | null;
          grain: string;
          intent: string | null;
          is_manual: boolean | null;
          latency_hist: number[];
          latency_n: number;
          latency_sum: number;
          latency_sum_sq: number;
          level: string;
          model: string | null;
          organization_id: string;
          provider: string | null;
          runs: number;
          status: string | null;
          tokens_n: number;
          tokens_sum: number;
          variant_id: string | null;
          version_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          account?: string | null;
          action?: string | null;
          bucket: string;
          capability?: string | null;
          cost_n: number;
          cost_sum: number;
          cost_sum_sq: number;
          errors: number;
          experiment_id?: string | null;
          grain: string;
          intent?: string | null;
          is_manual?: boolean | null;
          latency_hist: number[];
          latency_n: number;
          latency_sum: number;
          latency_sum_sq: number;
          level: string;
          model?: string | null;
          organization_id: string;
          provider?: string | null;
          runs: number;
          status?: string | null;
          tokens_n: number;
          tokens_sum: number;
          variant_id?: string | null;
          version_id?: string | null;
        };
        Update: {
          account?: string | null;
          action?: string | null;
          bucket?: string;
          capability?: string | null;
          cost_n?: number;
          cost_sum?: number;
          cost_sum_sq?: number;
          errors?: number;
          experiment_id?: string | null;
          grain?: string;
          intent?: string | null;
          is_manual?: boolean | null;
          latency_hist?: number[];
          latency_n?: number;
          latency_sum?: number;
          latency_sum_sq?: number;
          level?: string;
          model?: string | null;
          organization_id?: string;
          provider?: string | null;
          runs?: number;
          status?: string | null;
          tokens_n?: number;
          tokens_sum?: number;
          variant_id?: string | null;
          version_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "run_rollups_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      saved_views: {
        Row: {
          created_at: string;
          id: string;
          name: string;
          organization_id: string;
          owner_id: string | null;
          path: string;
          query: string;
          scope: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          id?: string;
          name: string;
          organization_id: string;
          owner_id?: string | null;
          path: string;
          query?: string;
          scope: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          name?: string;
          organization_id?: string;
          owner_id?: string | null;
          path?: string;
          query?: string;
          scope?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "saved_views_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      webhook_endpoints: {
        Row: {
          created_at: string;
          created_by: string | null;
          disabled_at: string | null;
          disabled_by: string | null;
          id: string;
          last_used_at: string | null;
          name: string;
          organization_id: string;
          secret_hint: string;
          secret_rotated_at: string | null;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          created_by?: string | null;
          disabled_at?: string | null;
          disabled_by?: string | null;
          id?: string;
          last_used_at?: string | null;
          name: string;
          organization_id: string;
          secret_hint: string;
          secret_rotated_at?: string | null;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          disabled_at?: string | null;
          disabled_by?: string | null;
          id?: string;
          last_used_at?: string | null;
          name?: string;
          organization_id?: string;
          secret_hint?: string;
          secret_rotated_at?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "webhook_endpoints_organization_id_fkey";
            columns: ["organization_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      accept_pending_invitations: {
        Args: Record<PropertyKey, never>;
        Returns: {
          expires_at: string;
          organization_id: string;
          organization_name: string;
          role: Database["public"]["Enums"]["app_role"];
          status: string;
        }[];
      };
      authenticate_api_key: {
        Args: { p_key: string; p_scope: string };
        Returns: {
          api_key_id: string;
          organization_id: string;
          status: string;
        }[];
      };
      authorize_hubspot_manager: { Args: { p_organization_id: string }; Returns: string };
      branch_version: {
        Args: {
          p_branch?: string;
          p_change_message: string;
          p_changes?: Json;
          p_parent_version_id: string;
        };
        Returns: {
          branch: string;
          change_message: string;
          created_at: string;
          created_by: string | null;
          experiment_id: string;
          id: string;
          max_tokens: number | null;
          model: string;
          number: number;
          organization_id: string;
          params: NonNullable<Json>;
          parent_version_id: string | null;
          prompt_text: string | null;
          provider: Database["public"]["Enums"]["llm_provider"];
          stop_sequences: string[];
          system_prompt: string | null;
          temperature: number | null;
          template_bindings: NonNullable<Json>;
          template_version_id: string | null;
          tools: NonNullable<Json>;
          top_p: number | null;
        };
        SetofOptions: {
          from: "*";
          to: "experiment_versions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      create_api_key: {
        Args: { p_name: string; p_organization_id: string; p_scopes: string[] };
        Returns: {
          created_at: string;
          id: string;
          name: string;
          prefix: string;
          scopes: string[];
          secret: string;
        }[];
      };
      create_experiment: {
        Args: { p_experiment: Json; p_organization_id: string };
        Returns: {
          activated_at: string | null;
          archived_at: string | null;
          capability_id: string;
          created_at: string;
          created_by: string | null;
          hypothesis: string;
          id: string;
          name: string;
          organization_id: string;
          origin_experiment_id: string | null;
          paused_at: string | null;
          review_round: number;
          salt: string;
          status: Database["public"]["Enums"]["experiment_status"];
          status_changed_at: string | null;
          status_changed_by: string | null;
          submitted_at: string | null;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "experiments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      create_organization: {
        Args: { p_name: string };
        Returns: {
          created_at: string;
          created_by: string | null;
          id: string;
          name: string;
          slug: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "organizations";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      create_webhook_endpoint: {
        Args: { p_name: string; p_organization_id: string };
        Returns: {
          created_at: string;
          id: string;
          name: string;
          secret: string;
          secret_hint: string;
        }[];
      };
      deploy: {
        Args: {
          p_action_id?: string;
          p_capability_id: string;
          p_experiment_id?: string;
          p_intent_id?: string;
          p_note?: string;
          p_version_id?: string;
        };
        Returns: {
          action_id: string | null;
          capability_id: string;
          deployed_at: string;
          deployed_by: string | null;
          experiment_id: string | null;
          id: string;
          intent_id: string | null;
          kind: Database["public"]["Enums"]["deployment_kind"];
          note: string;
          organization_id: string;
          replaced_deployment_id: string | null;
          restored_deployment_id: string | null;
          rollback_to_deployment_id: string | null;
          superseded_at: string | null;
          version_id: string;
        };
        SetofOptions: {
          from: "*";
          to: "deployments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      deployment_impact: {
        Args: { p_action_id?: string; p_capability_id: string; p_intent_id?: string };
        Returns: {
          action_id: string;
          action_key: string;
          after_deployment_id: string;
          after_experiment_id: string;
          after_experiment_name: string;
          after_version_id: string;
          after_version_label: string;
          capability_id: string;
          capability_key: string;
          change: string;
          deployed_at: string;
          deployed_by: string;
          deployment_id: string;
          experiment_id: string;
          experiment_name: string;
          experiment_status: Database["public"]["Enums"]["experiment_status"];
          intent_id: string;
          intent_key: string;
          is_target: boolean;
          version_id: string;
          version_label: string;
        }[];
      };
      effective_model_prices: {
        Args: { p_organization_id: string };
        Returns: {
          cached_input_per_mtok: number;
          default_cached_input_per_mtok: number;
          default_input_per_mtok: number;
          default_output_per_mtok: number;
          input_per_mtok: number;
          is_override: boolean;
          model: string;
          output_per_mtok: number;
          override_id: string;
          provider: string;
          updated_at: string;
          updated_by: string;
        }[];
      };
      experiment_cuped_stats: {
        Args: { p_experiment_id: string };
        Returns: {
          metric: string;
          n_units: number;
          pre_sum: number;
          pre_sum_sq: number;
          sum: number;
          sum_pre_post: number;
          sum_sq: number;
          units_with_pre: number;
          variant_id: string;
        }[];
      };
      experiment_metric_stats: {
        Args: { p_experiment_id: string };
        Returns: {
          exposures: number;
          metric: string;
          n: number;
          sum: number;
          sum_sq: number;
          variant_id: string;
        }[];
      };
      fork_experiment: {
        Args: { p_experiment_id: string; p_name?: string };
        Returns: {
          activated_at: string | null;
          archived_at: string | null;
          capability_id: string;
          created_at: string;
          created_by: string | null;
          hypothesis: string;
          id: string;
          name: string;
          organization_id: string;
          origin_experiment_id: string | null;
          paused_at: string | null;
          review_round: number;
          salt: string;
          status: Database["public"]["Enums"]["experiment_status"];
          status_changed_at: string | null;
          status_changed_by: string | null;
          submitted_at: string | null;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "experiments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      gateway_prepare: {
        Args: {
          p_action?: string;
          p_api_key: string;
          p_capability: string;
          p_intent?: string;
          p_unit_id: string;
          p_variables?: Json;
        };
        Returns: Json;
      };
      gateway_record_runs: { Args: { p_events: Json; p_organization_id: string }; Returns: Json };
      health: { Args: Record<PropertyKey, never>; Returns: Json };
      hubspot_begin_sync: {
        Args: {
          p_full?: boolean;
          p_organization_id: string;
          p_requested_by?: string;
          p_trigger: string;
        };
        Returns: Json;
      };
      hubspot_due_connections: { Args: Record<PropertyKey, never>; Returns: string[] };
      hubspot_finish_sync: {
        Args: {
          p_error?: string;
          p_retry_after?: string;
          p_run_id: string;
          p_status: string;
          p_token_rejected?: boolean;
        };
        Returns: {
          error: string | null;
          finished_at: string | null;
          full_sync: boolean;
          id: string;
          organization_id: string;
          outcomes_written: number;
          pages: number;
          records: number;
          requested_by: string | null;
          retry_after: string | null;
          started_at: string;
          status: string;
          trigger: string;
        };
        SetofOptions: {
          from: "*";
          to: "hubspot_sync_runs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      hubspot_record_page: {
        Args: {
          p_cursor: Json;
          p_object: string;
          p_outcomes: Json;
          p_records: number;
          p_run_id: string;
        };
        Returns: number;
      };
      ingest_events: { Args: { p_api_key: string; p_events: Json }; Returns: Json };
      list_runs: {
        Args: {
          p_after?: Json;
          p_filters?: Json;
          p_from: string;
          p_limit?: number;
          p_organization_id: string;
          p_sort?: string;
          p_to?: string;
        };
        Returns: {
          account: string;
          action: string;
          capability: string;
          capability_name: string;
          cost_usd: number;
          error_type: string;
          experiment_id: string;
          experiment_name: string;
          id: string;
          intent: string;
          intent_name: string;
          is_manual: boolean;
          latency_ms: number;
          model: string;
          occurred_at: string;
          provider: string;
          sort_key: string;
          status: string;
          tokens_in: number;
          tokens_out: number;
          variant_id: string;
          variant_label: string;
          version_id: string;
          version_number: number;
        }[];
      };
      manage_provider_key: {
        Args: {
          p_action: string;
          p_actor: string;
          p_ciphertext?: string;
          p_last4?: string;
          p_organization_id: string;
          p_provider: string;
        };
        Returns: Json;
      };
      mark_all_notifications_read: { Args: { p_organization_id: string }; Returns: number };
      mark_notifications_read: { Args: { p_notification_ids: string[] }; Returns: number };
      metric_breakdown: {
        Args: {
          p_compare_from: string;
          p_compare_to: string;
          p_dimension: string;
          p_filters?: Json;
          p_from: string;
          p_metric: string;
          p_organization_id: string;
          p_to: string;
        };
        Returns: {
          compare_n: number;
          compare_value: number;
          n: number;
          segment: string;
          value: number;
        }[];
      };
      metric_series: {
        Args: {
          p_filters?: Json;
          p_from: string;
          p_granularity: string;
          p_group_by?: string;
          p_metrics: string[];
          p_organization_id: string;
          p_to: string;
        };
        Returns: {
          bucket: string;
          group_key: string;
          metric: string;
          n: number;
          value: number;
        }[];
      };
      metric_summary: {
        Args: {
          p_filters?: Json;
          p_from: string;
          p_metrics: string[];
          p_organization_id: string;
          p_to: string;
        };
        Returns: {
          metric: string;
          n: number;
          previous_n: number;
          previous_value: number;
          value: number;
        }[];
      };
      preview_prompt_template: {
        Args: { p_body: string; p_values?: Json; p_variables?: Json };
        Returns: {
          problems: string[];
          rendered: string;
          variables: Json;
        }[];
      };
      provider_key_for_test: {
        Args: { p_actor: string; p_organization_id: string; p_provider: string };
        Returns: Json;
      };
      receive_webhook_outcomes: {
        Args: {
          p_endpoint_id: string;
          p_replay_expires_at: string;
          p_replay_key: string;
          p_rows: Json;
        };
        Returns: Json;
      };
      record_outcomes: {
        Args: { p_organization_id: string; p_rows: Json; p_source: string };
        Returns: Json;
      };
      record_provider_key_test: {
        Args: { p_actor: string; p_key_id: string; p_message: string; p_ok: boolean };
        Returns: Json;
      };
      resolve_prompt: {
        Args: {
          p_action?: string;
          p_api_key: string;
          p_capability: string;
          p_intent?: string;
          p_unit_id: string;
          p_variables?: Json;
        };
        Returns: Json;
      };
      review_experiment: {
        Args: {
          p_comment?: string;
          p_decision: Database["public"]["Enums"]["review_decision"];
          p_experiment_id: string;
        };
        Returns: {
          comment: string;
          created_at: string;
          decision: Database["public"]["Enums"]["review_decision"];
          experiment_id: string;
          id: string;
          organization_id: string;
          reviewer_id: string | null;
          round: number;
        };
        SetofOptions: {
          from: "*";
          to: "experiment_reviews";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      revoke_api_key: { Args: { p_key_id: string }; Returns: undefined };
      rollback_deployment: {
        Args: {
          p_action_id?: string;
          p_capability_id: string;
          p_intent_id?: string;
          p_reason: string;
        };
        Returns: {
          action_id: string | null;
          capability_id: string;
          deployed_at: string;
          deployed_by: string | null;
          experiment_id: string | null;
          id: string;
          intent_id: string | null;
          kind: Database["public"]["Enums"]["deployment_kind"];
          note: string;
          organization_id: string;
          replaced_deployment_id: string | null;
          restored_deployment_id: string | null;
          rollback_to_deployment_id: string | null;
          superseded_at: string | null;
          version_id: string;
        };
        SetofOptions: {
          from: "*";
          to: "deployments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      rotate_webhook_secret: {
        Args: { p_endpoint_id: string };
        Returns: {
          id: string;
          previous_secret_expires_at: string;
          secret: string;
          secret_hint: string;
        }[];
      };
      run_filter_options: {
        Args: { p_from: string; p_organization_id: string; p_to?: string };
        Returns: Json;
      };
      run_text: {
        Args: { p_run_id: string };
        Returns: {
          question: string;
          response: string;
        }[];
      };
      set_control_variant: {
        Args: { p_variant_id: string };
        Returns: {
          allocation_bp: number;
          created_at: string;
          experiment_id: string;
          id: string;
          is_control: boolean;
          key: string;
          name: string;
          organization_id: string;
          position: number;
          updated_at: string;
          version_id: string;
        };
        SetofOptions: {
          from: "*";
          to: "experiment_variants";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      set_webhook_endpoint_enabled: {
        Args: { p_enabled: boolean; p_endpoint_id: string };
        Returns: undefined;
      };
      transition_experiment: {
        Args: {
          p_experiment_id: string;
          p_status: Database["public"]["Enums"]["experiment_status"];
        };
        Returns: {
          activated_at: string | null;
          archived_at: string | null;
          capability_id: string;
          created_at: string;
          created_by: string | null;
          hypothesis: string;
          id: string;
          name: string;
          organization_id: string;
          origin_experiment_id: string | null;
          paused_at: string | null;
          review_round: number;
          salt: string;
          status: Database["public"]["Enums"]["experiment_status"];
          status_changed_at: string | null;
          status_changed_by: string | null;
          submitted_at: string | null;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "experiments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      update_experiment_details: {
        Args: { p_details: Json; p_experiment_id: string };
        Returns: {
          activated_at: string | null;
          archived_at: string | null;
          capability_id: string;
          created_at: string;
          created_by: string | null;
          hypothesis: string;
          id: string;
          name: string;
          organization_id: string;
          origin_experiment_id: string | null;
          paused_at: string | null;
          review_round: number;
          salt: string;
          status: Database["public"]["Enums"]["experiment_status"];
          status_changed_at: string | null;
          status_changed_by: string | null;
          submitted_at: string | null;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "experiments";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      version_diff: {
        Args: { p_from_version_id: string; p_to_version_id: string };
        Returns: {
          changed: boolean;
          field: string;
          from_value: Json;
          to_value: Json;
        }[];
      };
      webhook_endpoint_secrets: { Args: { p_endpoint_id: string }; Returns: Json };
    };
    Enums: {
      app_role:
        "product_manager" | "prompt_engineer" | "operations" | "engineer" | "enablement" | "admin";
      deployment_kind: "deploy" | "rollback";
      experiment_metric_role: "primary" | "guardrail";
      experiment_status: "draft" | "in_review" | "active" | "paused" | "archived";
      llm_provider: "openai" | "anthropic" | "gemini" | "custom";
      metric_aggregation: "rate" | "mean" | "sum" | "percentile";
      metric_direction: "higher_is_better" | "lower_is_better";
      notification_kind:
        | "review_requested"
        | "review_approved"
        | "changes_requested"
        | "experiment_activated"
        | "experiment_paused";
      review_decision: "approved" | "changes_requested";
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R;
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R;
      }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I;
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I;
      }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U;
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U;
      }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    keyof DefaultSchema["Enums"] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    keyof DefaultSchema["CompositeTypes"] | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  public: {
    Enums: {
      app_role: [
        "product_manager",
        "prompt_engineer",
        "operations",
        "engineer",
        "enablement",
        "admin",
      ],
      deployment_kind: ["deploy", "rollback"],
      experiment_metric_role: ["primary", "guardrail"],
      experiment_status: ["draft", "in_review", "active", "paused", "archived"],
      llm_provider: ["openai", "anthropic", "gemini", "custom"],
      metric_aggregation: ["rate", "mean", "sum", "percentile"],
      metric_direction: ["higher_is_better", "lower_is_better"],
      notification_kind: [
        "review_requested",
        "review_approved",
        "changes_requested",
        "experiment_activated",
        "experiment_paused",
      ],
      review_decision: ["approved", "changes_requested"],
    },
  },
} as const;
