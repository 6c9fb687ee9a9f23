using System.Collections.Concurrent;
using System.Threading.Channels;
using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Imports waiting for <see cref="RepositoryImportWorker"/>, in memory (their URLs may carry credentials), bounded by
/// `GitLab:Import:MaxQueued`. It also knows which projects' imports this process holds, queued or running, for the
/// heartbeat that tells other processes these are alive.
/// </summary>
public sealed class ProjectImportQueue(IOptions<ImportOptions> options)
{
    private readonly Channel<ProjectImportJob> _channel = Channel.CreateBounded<ProjectImportJob>(
        new BoundedChannelOptions(options.Value.MaxQueued) { FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentDictionary<long, byte> _held = new();

    public ChannelReader<ProjectImportJob> Reader => _channel.Reader;

    public IReadOnlyCollection<long> Held => [.. _held.Keys];

    /// <summary>False when the queue is full.</summary>
    public bool TryEnqueue(ProjectImportJob job)
    {
        _held[job.ProjectId] = 0;
        if (_channel.Writer.TryWrite(job)) return true;
        _held.TryRemove(job.ProjectId, out _);
        return false;
    }

    public void Release(long projectId) => _held.TryRemove(projectId, out _);
}
