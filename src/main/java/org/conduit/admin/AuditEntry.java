package org.conduit.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.conduit.article.Paging;
import org.conduit.common.Timestamps;
import org.hibernate.annotations.Immutable;

/**
 * One administrative action: who did what to whom, why, and when. Written in the transaction of the
 * action it records, and never changed: the table refuses updates and deletes (V56).
 */
@Entity
@Immutable
@Table(name = "admin_audit")
public class AuditEntry extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, updatable = false)
  public Instant at;

  /** Null for the command line. */
  @Column(name = "actor_id", updatable = false)
  public Long actorId;

  @Column(nullable = false, updatable = false)
  public String actor;

  @Column(nullable = false, updatable = false)
  public String action;

  @Column(nullable = false, updatable = false)
  public String target;

  @Column(updatable = false)
  public String reason;

  static void record(Actor actor, String action, String target, String reason) {
    AuditEntry entry = new AuditEntry();
    entry.at = Timestamps.now();
    entry.actorId = actor.id();
    entry.actor = actor.name();
    entry.action = action;
    entry.target = target;
    entry.reason = reason;
    entry.persist();
  }

  static List<AuditEntry> newestFirst(Paging paging) {
    return getEntityManager()
        .createQuery("from AuditEntry order by id desc", AuditEntry.class)
        .setFirstResult(paging.offset())
        .setMaxResults(paging.limit())
        .getResultList();
  }
}
